import { SqlDatabase, sqlDialect } from '../database/sql-database';

/** A secondary index as the database stores it: its name and the statement that creates it. */
export interface SecondaryIndex {
  readonly name: string;
  readonly sql: string;
}

/**
 * The secondary indexes of `tables`, as `sqlite_master` holds them. Indexes SQLite makes itself (primary
 * keys, UNIQUE constraints) have no SQL and cannot be dropped: they are left out, and stay.
 */
export function secondaryIndexes(db: SqlDatabase, tables: readonly string[]): SecondaryIndex[] {
  if (tables.length === 0) return [];
  if (sqlDialect(db) === 'postgres') {
    // PostgreSQL's own indexes (primary keys, UNIQUE constraints) belong to a constraint: left out, as in SQLite.
    return db
      .prepare(
        `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY(?::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))
         ORDER BY i.indexname`,
      )
      // One parameter, the array of names (a bare array argument would be a list of parameters, as in better-sqlite3).
      .all([[...tables]]) as SecondaryIndex[];
  }
  return db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`)
    .all(...tables) as SecondaryIndex[];
}

/** Drops `indexes`; call inside the caller's transaction. */
export function dropIndexes(db: SqlDatabase, indexes: readonly SecondaryIndex[]): void {
  for (const index of indexes) db.exec(`DROP INDEX IF EXISTS "${index.name.replaceAll('"', '""')}"`);
}

/**
 * Creates `indexes` again with their own statements; an index that exists already (a rebuild that
 * failed after the schema sync recreated it) is kept.
 */
export function createIndexes(db: SqlDatabase, indexes: readonly SecondaryIndex[]): void {
  const existingSql =
    sqlDialect(db) === 'postgres' ? 'SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()' : `SELECT name FROM sqlite_master WHERE type = 'index'`;
  const existing = new Set(db.prepare(existingSql).pluck().all() as string[]);
  for (const index of indexes) if (!existing.has(index.name)) db.exec(index.sql);
}
