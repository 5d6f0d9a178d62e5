/** The database was written by a newer version of this code: refusing to run on a schema we do not know. */
export class SchemaTooNewError extends Error {
  readonly code = 'EVENT_DB_SCHEMA_TOO_NEW';

  constructor(
    readonly path: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(`Database ${path} is at schema version ${databaseVersion}; this code knows up to ${knownVersion}`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * A write was asked for while the shared connection is inside a transaction that someone else opened
 * (and is awaiting in). better-sqlite3 would silently nest it as a savepoint of that transaction, so
 * it would commit or roll back with a stranger's work: it is refused instead, and nothing is written.
 */
export class TransactionInProgressError extends Error {
  readonly code = 'EVENT_DB_TRANSACTION_IN_PROGRESS';

  constructor(readonly operation: string) {
    super(`Refusing ${operation}: the database connection is inside another transaction`);
    this.name = 'TransactionInProgressError';
  }
}

/** The thread that checkpoints the WAL failed (its connection, its query, or the thread itself). */
export class WalCheckpointError extends Error {
  readonly code = 'EVENT_DB_WAL_CHECKPOINT';

  constructor(reason: string) {
    super(`Checkpointing the write-ahead log failed: ${reason}`);
    this.name = 'WalCheckpointError';
  }
}
