/**
 * What can go wrong when talking to the exchange, as the application sees it. Adapters throw these
 * (never HTTP or socket errors); `code` is stable and machine-readable, and each error carries the
 * offending value.
 */
export abstract class ExchangeError extends Error {
  abstract readonly code: string;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Why the exchange refused a request; `exchangeName` keeps the venue's own error name. */
export type RejectionReason =
  | 'insufficient_funds'
  | 'under_min_total'
  | 'invalid_price_unit'
  | 'invalid_volume'
  | 'volume_too_large'
  | 'invalid_funds'
  | 'duplicate_identifier'
  | 'invalid_order'
  | 'validation';

/** The exchange refused the request (HTTP 400 family): nothing was created, the request was wrong. */
export class ExchangeRejectedError extends ExchangeError {
  readonly code = 'EXCHANGE_REJECTED';

  constructor(
    readonly reason: RejectionReason,
    readonly exchangeName: string,
    readonly exchangeMessage: string,
    readonly status: number,
  ) {
    super(`Exchange refused the request (${exchangeName}): ${exchangeMessage}`);
  }
}

/** The credentials were refused (HTTP 401/403): wrong key, expired key, IP not allowed, scope, nonce. */
export class ExchangeAuthError extends ExchangeError {
  readonly code = 'EXCHANGE_AUTH';

  constructor(
    readonly exchangeName: string,
    readonly exchangeMessage: string,
    readonly status: number,
  ) {
    super(`Exchange refused our credentials (${exchangeName}): ${exchangeMessage}`);
  }
}

/** The order (or other resource) does not exist on the exchange. */
export class ExchangeNotFoundError extends ExchangeError {
  readonly code = 'EXCHANGE_NOT_FOUND';

  constructor(
    readonly exchangeName: string,
    readonly exchangeMessage: string,
  ) {
    super(`Not found on the exchange (${exchangeName}): ${exchangeMessage}`);
  }
}

/** The exchange answered 429 and the request could not be completed within its retries. */
export class ExchangeRateLimitedError extends ExchangeError {
  readonly code = 'EXCHANGE_RATE_LIMITED';

  constructor(
    readonly group: string,
    readonly attempts: number,
  ) {
    super(`Rate limit group "${group}" still answered 429 after ${attempts} attempt(s)`);
  }
}

/** The exchange blocked us (HTTP 418) or the breaker is open: no call is made until `until`. */
export class ExchangeBlockedError extends ExchangeError {
  readonly code = 'EXCHANGE_BLOCKED';

  constructor(
    readonly until: number,
    readonly group: string,
  ) {
    super(`Calls to the exchange are blocked until ${new Date(until).toISOString()} (group "${group}")`);
  }
}

/** A request waited too long for its rate-limit slot or found the queue full. Nothing was sent. */
export class ExchangeBusyError extends ExchangeError {
  readonly code = 'EXCHANGE_BUSY';

  constructor(
    readonly group: string,
    readonly reason: 'queue_full' | 'deadline' | 'stale_order',
    readonly queued: number,
    message?: string,
  ) {
    super(
      message ??
        (reason === 'queue_full'
          ? `Rate limit queue of group "${group}" is full (${queued} waiting)`
          : `Request waited past its deadline for a rate-limit slot in group "${group}"`),
    );
  }
}

/**
 * An order could not leave within its staleness bound (it waited that long for a rate-limit slot): it
 * was priced for a market that has moved on, so it is refused and never sent late. Nothing was sent.
 */
export class StaleOrderError extends ExchangeBusyError {
  constructor(
    group: string,
    readonly staleAfterMs: number,
    queued: number,
  ) {
    super(group, 'stale_order', queued, `Order refused as stale: no rate-limit slot in group "${group}" within ${staleAfterMs} ms, so it was not sent`);
  }
}

/** The exchange could not be reached or kept failing (network error, time-out, 5xx) on a retryable call. */
export class ExchangeUnavailableError extends ExchangeError {
  readonly code = 'EXCHANGE_UNAVAILABLE';

  constructor(
    readonly endpoint: string,
    readonly detail: string,
    readonly attempts: number,
  ) {
    super(`${endpoint} failed after ${attempts} attempt(s): ${detail}`);
  }
}

/** The exchange answered with something we do not understand: a malformed body or field. */
export class ProtocolError extends ExchangeError {
  readonly code = 'EXCHANGE_PROTOCOL';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Malformed field "${field}": expected ${expected}, got ${describe(value)}`);
  }
}

/** The exchange answered an error we have no mapping for. */
export class ExchangeUnexpectedError extends ExchangeError {
  readonly code = 'EXCHANGE_UNEXPECTED';

  constructor(
    readonly status: number,
    readonly exchangeName: string,
    readonly exchangeMessage: string,
  ) {
    super(`Exchange answered ${status} (${exchangeName}): ${exchangeMessage}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 60)}...` : json;
}
