import type { SqlDatabase } from './sql-database';
import { TransactionInProgressError } from './database.errors';

/**
 * Wraps `body` in a `BEGIN IMMEDIATE` transaction on the shared connection (a savepoint when `nested`:
 * the caller owns an outer transaction on purpose). Every writer of the event
 * database (appends, projections, checkpoints, dead letters) runs synchronously, so none can start
 * while another is open; the check catches the one way left (a write issued from inside another
 * writer's body, or while a TypeORM transaction awaits) before better-sqlite3 would nest it.
 */
export function writeTransaction<A extends unknown[], R>(db: SqlDatabase, operation: string, body: (...args: A) => R, nested = false): (...args: A) => R {
  const transaction = db.transaction(body);
  return (...args: A): R => {
    if (!nested) assertNoOpenTransaction(db, operation);
    return transaction.immediate(...args);
  };
}

/** For single-statement writes, which would otherwise join an open transaction as silently. */
export function assertNoOpenTransaction(db: SqlDatabase, operation: string): void {
  if (db.inTransaction) throw new TransactionInProgressError(operation);
}
