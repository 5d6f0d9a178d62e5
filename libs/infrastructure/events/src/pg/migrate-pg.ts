import { SchemaTooNewError } from '../database/database.errors';
import type { Migration } from '../database/migrations';
import { appendFunctionSql, retiredAppendFunctionSql } from './pg-append-function';
import { pgMigrations } from './pg-migrations';
import { PgSyncDatabase, quotePgIdentifier } from './pg-sync-database';

/**
 * Brings the account's schema up to date in one transaction, as `migrate` does for SQLite. Two
 * instances starting together take turns on a transaction-scoped advisory lock, so each step runs once.
 */
export function migratePg(db: PgSyncDatabase, schema: string, now: number, migrations: readonly Migration[] = pgMigrations): number[] {
  const run = db.transaction((): number[] => {
    db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`upbit-trader:migrate:${schema}`]);
    db.exec(`CREATE SCHEMA IF NOT EXISTS ${quotePgIdentifier(schema)}`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${quotePgIdentifier(schema)}.schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL,
      applied_at BIGINT  NOT NULL
    )`);
    const current = (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
    const known = migrations.length === 0 ? 0 : (migrations[migrations.length - 1] as Migration).version;
    if (current > known) throw new SchemaTooNewError(`${db.name} (schema ${schema})`, current, known);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
      applied.push(migration.version);
    }
    // Not a versioned step (see appendFunctionSql): the function of this code, whatever the schema's version.
    db.exec(retiredAppendFunctionSql(schema));
    db.exec(appendFunctionSql(schema));
    return applied;
  });
  return run.immediate();
}
