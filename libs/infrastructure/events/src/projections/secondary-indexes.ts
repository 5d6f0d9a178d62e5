import type { Database } from 'better-sqlite3';

/** A secondary index as SQLite stores it: its name and the statement that creates it. */
export interface SecondaryIndex {
  readonly name: string;
  readonly sql: string;
}

/**
 * The secondary indexes of `tables`, as `sqlite_master` holds them. Indexes SQLite makes itself (primary
 * keys, UNIQUE constraints) have no SQL and cannot be dropped: they are left out, and stay.
 */
export function secondaryIndexes(db: Database, tables: readonly string[]): SecondaryIndex[] {
  if (tables.length === 0) return [];
  return db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`)
    .all(...tables) as SecondaryIndex[];
}

/** Drops `indexes`; call inside the caller's transaction. */
export function dropIndexes(db: Database, indexes: readonly SecondaryIndex[]): void {
  for (const index of indexes) db.exec(`DROP INDEX IF EXISTS "${index.name.replaceAll('"', '""')}"`);
}

/**
 * Creates `indexes` again with their own statements; an index that exists already (a rebuild that
 * failed after the schema sync recreated it) is kept.
 */
export function createIndexes(db: Database, indexes: readonly SecondaryIndex[]): void {
  const existing = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all() as string[]);
  for (const index of indexes) if (!existing.has(index.name)) db.exec(index.sql);
}
