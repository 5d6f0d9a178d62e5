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

/**
 * A statement of a transaction failed and the transaction's body went on (it caught the error) and
 * returned. PostgreSQL aborts a transaction at its first failed statement and answers COMMIT with a
 * rollback, where better-sqlite3 would have committed the other statements: nothing of it is stored.
 */
export class PgTransactionAbortedError extends Error {
  override readonly name = 'PgTransactionAbortedError';
  constructor(
    readonly database: string,
    readonly failed: PgQueryError,
  ) {
    super(`a statement of a transaction on ${database} failed (${failed.message}) and the transaction went on: PostgreSQL rolled all of it back`);
  }
}

/** A statement that uses both `?` and `@name` placeholders (SQLite refuses it too). */
export class MixedPlaceholdersError extends Error {
  override readonly name = 'MixedPlaceholdersError';
  constructor(readonly sql: string) {
    super(`a statement mixes ? and @name placeholders: ${sql}`);
  }
}
