import { PgConnectionLostError, PgQueryError } from './pg-database.errors';

/**
 * An error of an async `pg` client as the store's own: a refused statement (it has a SQLSTATE) as a
 * `PgQueryError`, a query or connect time-out as a `PgConnectionLostError`, anything else (the socket
 * broke) as it came.
 */
export function pgClientError(error: unknown, database: string, timeoutMs: number, sql: string): Error {
  const failure = error as { message?: string; code?: string; detail?: string; constraint?: string };
  if (/timeout/i.test(failure.message ?? '') && failure.code === undefined) return new PgConnectionLostError(database, timeoutMs);
  if (typeof failure.code === 'string') return new PgQueryError(failure.message ?? String(error), failure.code, failure.detail, failure.constraint, sql);
  return error instanceof Error ? error : new Error(String(error));
}
