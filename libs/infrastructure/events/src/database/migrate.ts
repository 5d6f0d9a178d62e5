import type { Database } from 'better-sqlite3';
import { SchemaTooNewError } from './database.errors';
import { Migration, migrations as allMigrations } from './migrations';

/**
 * Brings the schema up to date in one immediate transaction, recording each applied step in
 * `schema_migrations`. Returns the versions it applied (empty when the schema was current).
 */
export function migrate(db: Database, path: string, now: number, migrations: readonly Migration[] = allMigrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const run = db.transaction((): number[] => {
    const current = (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
    const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
    if (current > known) throw new SchemaTooNewError(path, current, known);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
      applied.push(migration.version);
    }
    return applied;
  });
  return run.immediate();
}
