/**
 * The synchronous SQL connection the event store, its checkpoints, dead letters, snapshots and
 * projections are written against: the part of better-sqlite3's `Database` they use, so a
 * better-sqlite3 connection is one as it is (no wrapper on the SQLite hot path), and
 * `PgSyncDatabase` is the PostgreSQL one. Statements are written with SQLite's placeholders (`?`,
 * `@name`) in SQL both databases accept; the few that differ are chosen by `sqlDialect`.
 */
export interface SqlRunResult {
  readonly changes: number;
  /** SQLite's rowid of the inserted row; PostgreSQL has none (0): use `RETURNING` where it matters. */
  readonly lastInsertRowid: number | bigint;
}

export interface SqlStatement {
  run(...params: unknown[]): SqlRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows become their first column's value. */
  pluck(toggle?: boolean): this;
  /** Rows become arrays of column values, in the SELECT's order. */
  raw(toggle?: boolean): this;
}

// Spelled as better-sqlite3's typings spell them, so its `Database` is assignable to `SqlDatabase`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...params: any[]) => unknown;
type ArgumentsOf<F extends AnyFunction> = F extends (...args: infer A) => unknown ? A : never;

/** A function run in a transaction; `immediate` takes the write lock at BEGIN (SQLite) or is plain BEGIN (PostgreSQL). */
export interface SqlTransaction<F extends AnyFunction> {
  (...params: ArgumentsOf<F>): ReturnType<F>;
  immediate(...params: ArgumentsOf<F>): ReturnType<F>;
}

export interface SqlDatabase {
  /** The SQLite file, or the PostgreSQL URL without its password. */
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): SqlStatement;
  /** Runs one or more statements without parameters. */
  exec(sql: string): this;
  /** Wraps `fn` in a transaction (a savepoint when one is already open). */
  transaction<F extends AnyFunction>(fn: F): SqlTransaction<F>;
  close(): this;
}

export type { AnyFunction as SqlTransactionBody };

export type SqlDialect = 'sqlite' | 'postgres';

/** PostgreSQL connections say so; anything else is better-sqlite3. */
export function sqlDialect(db: SqlDatabase): SqlDialect {
  return (db as { readonly dialect?: SqlDialect }).dialect === 'postgres' ? 'postgres' : 'sqlite';
}
