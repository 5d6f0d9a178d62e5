/** A statement PostgreSQL refused, with its SQLSTATE (`code`), e.g. 23505 for a unique violation. */
export class PgQueryError extends Error {
  override readonly name = 'PgQueryError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly constraint: string | undefined,
    readonly sql: string,
  ) {
    super(message);
  }
}

/** The worker that owns the connection did not answer in time (or is gone): the connection is unusable. */
export class PgConnectionLostError extends Error {
  override readonly name = 'PgConnectionLostError';
  constructor(
    readonly database: string,
    readonly waitedMs: number,
  ) {
    super(`PostgreSQL connection to ${database} did not answer within ${waitedMs} ms; it is closed`);
  }
}

/** A call on a connection that was closed. */
export class PgConnectionClosedError extends Error {
  override readonly name = 'PgConnectionClosedError';
  constructor(readonly database: string) {
    super(`the PostgreSQL connection to ${database} is closed`);
  }
}
