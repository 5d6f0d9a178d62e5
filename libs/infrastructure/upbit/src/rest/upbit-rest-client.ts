import {
  ExchangeBlockedError,
  ExchangeError,
  ExchangeRateLimitedError,
  ExchangeUnavailableError,
  ExchangeUnexpectedError,
  ProtocolError,
  StaleOrderError,
} from '@trader/application';
import type { ComponentHealth, KernelComponent } from '@trader/runtime';
import { setMaxListeners } from 'node:events';
import { JwtAlgorithm, UpbitJwtSigner } from '../auth/jwt-signer';
import { RequestParams, encodeQuery } from '../auth/query-string';
import { UpbitCredentialsError } from '../auth/credentials.errors';
import { backoffDelay } from '../backoff/backoff';
import { UpbitCredentials } from '../auth/upbit-credentials';
import { parseExactJson } from '../decode/exact-json';
import { UpbitClientStoppedError } from '../rate-limit/rate-limit.errors';
import { UpbitRateGroup } from '../rate-limit/rate-limit.table';
import { RequestPriority } from '../rate-limit/rate-limit-queue';
import { UpbitRateLimiter } from '../rate-limit/upbit-rate-limiter';
import { HttpResponse, HttpTransportError, UpbitHttpTransport } from './http-transport';
import { mapUpbitError } from './upbit-error-mapper';

/**
 * `read`: idempotent, retried with back-off. `create`: places an order, never retried; a missing
 * answer is an unknown outcome. `write`: changes state (cancel), not retried, failures reported as is.
 */
export type EndpointKind = 'read' | 'create' | 'write';

export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly group: UpbitRateGroup;
  readonly auth: boolean;
  readonly kind: EndpointKind;
  /** `urgent` (order lookups, cancels) waits ahead of `normal` requests of its group. */
  readonly priority?: RequestPriority;
}

export interface RetryPolicy {
  /** Total attempts of a read, the first included. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface UpbitRestOptions {
  /** `https://api.upbit.com/v1`, or the simulator's REST URL. */
  readonly baseUrl: string;
  readonly credentials?: UpbitCredentials;
  readonly jwtAlgorithm?: JwtAlgorithm;
  readonly retry?: RetryPolicy;
  /** Header time-out of order creation: past it the outcome is unknown. Defaults to the transport's. */
  readonly orderTimeoutMs?: number;
  /** How long a request may wait for its rate-limit slot. */
  readonly maxWaitMs?: number;
  /**
   * How long an order (POST /orders, /orders/cancel_and_new) may wait for its rate-limit slot; past it
   * the order is refused as stale (`StaleOrderError`) and never sent. `defaultStaleOrderMs` if unset.
   */
  readonly staleOrderMs?: number;
  /** Told of every request as it is sent and of its answer (traces); the default observes nothing. */
  readonly observer?: RestCallObserver;
}

/**
 * What an observer learns of one request: the method, the endpoint's path template (never its query
 * string, body or headers: the JWT and the order terms stay out) and the rate-limit group.
 */
export interface RestCall {
  readonly method: string;
  readonly path: string;
  readonly group: string;
}

/** The HTTP status of the answer, or why none came (time-out, reset). */
export type RestCallOutcome = { readonly status: number } | { readonly failure: string };

/** Called as a request leaves; the function it returns is called once with the outcome. */
export type RestCallObserver = (call: RestCall) => (outcome: RestCallOutcome) => void;

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseMs: 200, maxMs: 5_000 };
/** A few seconds: an order priced for the market of that long ago should not reach the book. */
export const defaultStaleOrderMs = 3_000;

/** An order request left this process and no definite answer came back. */
export class OutcomeUnknown {
  constructor(readonly reason: string) {}
}

type AttemptOutcome =
  | { readonly kind: 'done'; readonly response: HttpResponse }
  | { readonly kind: 'retry'; readonly reason: string; readonly error: ExchangeError }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'fail'; readonly error: Error };

export interface RestStats {
  readonly requests: number;
  readonly retries: number;
  readonly status429: number;
  readonly status418: number;
  readonly unknownOutcomes: number;
}

/**
 * Sends Upbit REST requests: waits for the rate limiter, signs, sends over the kernel-owned pools,
 * feeds `Remaining-Req` back to the limiter, and turns every answer into decoded data or a typed
 * `ExchangeError`. Reads are retried with jittered back-off; order creation never is.
 */
export class UpbitRestClient implements KernelComponent {
  readonly name = 'upbit-rest';
  readonly dependsOn = ['upbit-http', 'upbit-rate-limiter'];
  private readonly origin: string;
  private readonly basePath: string;
  private readonly signer: UpbitJwtSigner | undefined;
  private readonly retry: RetryPolicy;
  private lifetime = lifetimeController();
  private counters = { requests: 0, retries: 0, status429: 0, status418: 0, unknownOutcomes: 0 };

  constructor(
    private readonly transport: UpbitHttpTransport,
    private readonly limiter: UpbitRateLimiter,
    private readonly options: UpbitRestOptions,
    private readonly random: () => number = Math.random,
  ) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/$/, '');
    this.signer = options.credentials ? new UpbitJwtSigner(options.credentials, options.jwtAlgorithm ?? 'HS256') : undefined;
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  start(): void {
    if (this.lifetime.signal.aborted) this.lifetime = lifetimeController();
  }

  stop(): void {
    this.lifetime.abort(new UpbitClientStoppedError('REST client stopped'));
  }

  health(): ComponentHealth {
    return this.lifetime.signal.aborted ? { status: 'down', detail: 'stopped' } : { status: 'up' };
  }

  stats(): RestStats {
    return { ...this.counters };
  }

  /**
   * Calls a read or write endpoint and decodes its JSON answer. Only `create` endpoints can end in an
   * unknown outcome, and they go through `create`; here it would be a wiring mistake, reported as
   * unavailable rather than decoded.
   */
  async call<T>(endpoint: Endpoint, params: RequestParams, decode: (json: unknown) => T): Promise<T> {
    const response = await this.exchange(endpoint, params);
    if (response instanceof OutcomeUnknown) throw new ExchangeUnavailableError(endpoint.path, response.reason, 1);
    return decode(parseExactJson(response.text, endpoint.path));
  }

  /**
   * Calls an order-creating endpoint once. Returns the decoded answer, or `OutcomeUnknown` when the
   * request may have reached Upbit but no definite answer came back (time-out, reset, 5xx, 429, 418).
   */
  async create<T>(endpoint: Endpoint, params: RequestParams, decode: (json: unknown) => T, leaveWithinMs?: number): Promise<T | OutcomeUnknown> {
    const response = await this.exchange(endpoint, params, leaveWithinMs);
    if (response instanceof OutcomeUnknown) return response;
    return decode(parseExactJson(response.text, endpoint.path));
  }

  private async exchange(endpoint: Endpoint, params: RequestParams, leaveWithinMs?: number): Promise<HttpResponse | OutcomeUnknown> {
    const attempts = endpoint.kind === 'read' ? this.retry.attempts : 1;
    let lastProblem = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) {
        this.counters.retries += 1;
        await this.sleep(backoffDelay(attempt - 2, this.retry, this.random));
      }
      const outcome = await this.attempt(endpoint, params, leaveWithinMs);
      if (outcome.kind === 'done') return outcome.response;
      if (outcome.kind === 'unknown') {
        this.counters.unknownOutcomes += 1;
        return new OutcomeUnknown(outcome.reason);
      }
      if (outcome.kind === 'fail') throw outcome.error;
      lastProblem = outcome.reason;
      if (endpoint.kind !== 'read') throw outcome.error;
    }
    if (lastProblem === '429') throw new ExchangeRateLimitedError(endpoint.group, attempts);
    throw new ExchangeUnavailableError(`${endpoint.method} ${endpoint.path}`, lastProblem, attempts);
  }

  /** One try: a rate-limit slot, held until the answer is in, then the request. */
  private async attempt(endpoint: Endpoint, params: RequestParams, leaveWithinMs?: number): Promise<AttemptOutcome> {
    const signal = this.lifetime.signal;
    if (signal.aborted) return { kind: 'fail', error: new UpbitClientStoppedError(endpoint.path) };
    const permit = await this.limiter.acquire(endpoint.group, { ...this.waitBound(endpoint, leaveWithinMs), ...(endpoint.priority !== undefined ? { priority: endpoint.priority } : {}), signal });
    try {
      return await this.send(endpoint, params, signal);
    } finally {
      permit.done();
    }
  }

  /**
   * Orders wait no longer than their staleness bound (or the caller's own deadline, when tighter), and
   * then fail as stale; other requests up to `maxWaitMs`.
   */
  private waitBound(endpoint: Endpoint, leaveWithinMs?: number): { maxWaitMs?: number; expired?: (group: string, waiting: number) => Error } {
    if (endpoint.kind === 'create') {
      const configured = this.options.staleOrderMs ?? defaultStaleOrderMs;
      const staleAfterMs = leaveWithinMs === undefined ? configured : Math.max(0, Math.min(configured, leaveWithinMs));
      return { maxWaitMs: staleAfterMs, expired: (group, waiting) => new StaleOrderError(group, staleAfterMs, waiting) };
    }
    return this.options.maxWaitMs !== undefined ? { maxWaitMs: this.options.maxWaitMs } : {};
  }

  private async send(endpoint: Endpoint, params: RequestParams, signal: AbortSignal): Promise<AttemptOutcome> {
    const query = encodeQuery(params);
    const headers: Record<string, string> = { accept: 'application/json' };
    let path = `${this.basePath}${endpoint.path}`;
    let body: string | undefined;
    if (endpoint.method === 'POST') {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(Object.fromEntries(params));
    } else if (query.encoded.length > 0) {
      path = `${path}?${query.encoded}`;
    }
    if (endpoint.auth) {
      if (!this.signer) return { kind: 'fail', error: new UpbitCredentialsError('the client options', `${endpoint.path} needs API keys and none are configured`) };
      headers['authorization'] = this.signer.authorization(query.unescaped);
    }
    this.counters.requests += 1;
    const observed = this.options.observer?.({ method: endpoint.method, path: endpoint.path, group: endpoint.group });
    let response: HttpResponse;
    try {
      response = await this.transport.send({
        origin: this.origin,
        method: endpoint.method,
        path,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(endpoint.kind === 'create' && this.options.orderTimeoutMs !== undefined ? { headersTimeoutMs: this.options.orderTimeoutMs } : {}),
        signal,
      });
    } catch (error) {
      observed?.({ failure: error instanceof HttpTransportError ? error.failure : 'error' });
      if (!(error instanceof HttpTransportError)) throw error;
      if (signal.aborted) return { kind: 'fail', error: new UpbitClientStoppedError(endpoint.path) };
      const reason = `${error.failure}: ${error.detail}`;
      if (endpoint.kind === 'create' && error.sent) return { kind: 'unknown', reason };
      // An oversized answer will be oversized again: refuse it instead of retrying.
      if (error.failure === 'too-large') return { kind: 'fail', error: new ProtocolError(`${endpoint.method} ${endpoint.path}`, error.detail, 'a response within the size limit') };
      return { kind: 'retry', reason, error: new ExchangeUnavailableError(`${endpoint.method} ${endpoint.path}`, reason, 1) };
    }
    observed?.({ status: response.status });
    const remaining = header(response, 'remaining-req');
    if (remaining !== undefined) this.limiter.adoptRemainingReq(remaining, endpoint.group);
    const { status } = response;
    if (status >= 200 && status < 300) {
      this.limiter.succeeded(endpoint.group);
      return { kind: 'done', response };
    }
    if (status === 429) {
      this.counters.status429 += 1;
      this.limiter.tooManyRequests(endpoint.group);
      if (endpoint.kind === 'create') return { kind: 'unknown', reason: 'HTTP 429' };
      return { kind: 'retry', reason: '429', error: new ExchangeRateLimitedError(endpoint.group, 1) };
    }
    if (status === 418) {
      this.counters.status418 += 1;
      const until = this.limiter.blocked(endpoint.group, blockDurationMs(response));
      if (endpoint.kind === 'create') return { kind: 'unknown', reason: 'HTTP 418' };
      return { kind: 'fail', error: new ExchangeBlockedError(until, endpoint.group) };
    }
    if (status >= 500) {
      const reason = `HTTP ${status}`;
      if (endpoint.kind === 'create') return { kind: 'unknown', reason };
      return { kind: 'retry', reason, error: new ExchangeUnexpectedError(status, String(status), response.text.slice(0, 200)) };
    }
    return { kind: 'fail', error: mapUpbitError(status, response.text) };
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.lifetime.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(new UpbitClientStoppedError('retry back-off'));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new UpbitClientStoppedError('retry back-off'));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** Every waiting request listens to this signal: many at once are normal, not a leak. */
function lifetimeController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a 418 block lasts: `Retry-After` (seconds) when present, else a number of seconds named
 * in the error message; undefined lets the limiter apply its configured default.
 */
export function blockDurationMs(response: HttpResponse): number | undefined {
  const retryAfter = header(response, 'retry-after');
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1_000;
  const seconds = /(\d+)\s*(?:s\b|sec|seconds|초)/.exec(response.text);
  return seconds ? Number(seconds[1]) * 1_000 : undefined;
}
