import { accountSchema, isPgUrl, migratePg, openEventDatabase, PgSyncDatabase } from '@trader/events';
import type { SqlDatabase } from '@trader/events';
import Sqlite from 'better-sqlite3';
import { TraderConfig } from '../../config/trader-config';
import { pathExists } from '../../backtest/path-exists';
import { CliOutput, CliUsageError } from '../cli-output';
import { eventDatabaseLabel } from './event-log-reader.bootstrap';

interface AppliedMigration {
  readonly version: number;
  readonly name: string;
}

/**
 * `db migrate`: brings TRADER_DB (with PostgreSQL, TRADER_ACCOUNT's schema) to this trader's schema
 * version and nothing else, then prints the steps it applied. The trader does the same at start; this
 * lets an operator migrate ahead of a deployment, or with a database user allowed to change the schema.
 */
export async function dbMigrateCommand(config: TraderConfig, args: readonly string[], output: CliOutput): Promise<void> {
  if (args.length > 0) throw new CliUsageError(`db migrate: unexpected argument "${args[0]}"; it migrates TRADER_DB (TRADER_ACCOUNT's schema with PostgreSQL)`);
  const label = eventDatabaseLabel(config.databasePath, config.account);
  const now = Date.now();
  const { applied, version } = isPgUrl(config.databasePath) ? migratePostgres(config.databasePath, config.account, now) : await migrateSqlite(config.databasePath, now);
  for (const step of applied) output.out(`applied ${step.version} ${step.name}`);
  output.out(`${label}: ${applied.length === 0 ? 'up to date' : `migrated`} at schema version ${version}`);
}

function migratePostgres(url: string, account: string, now: number): { applied: AppliedMigration[]; version: number } {
  const schema = accountSchema(account);
  const db = new PgSyncDatabase(url, { schema, applicationName: `upbit-trader cli ${schema}` });
  try {
    const versions = new Set(migratePg(db, schema, now));
    return described(db, versions);
  } finally {
    db.close();
  }
}

/** SQLite's migration runs inside opening the file; what it applied is what was not recorded before. */
async function migrateSqlite(path: string, now: number): Promise<{ applied: AppliedMigration[]; version: number }> {
  const before = new Set<number>();
  if (await pathExists(path)) {
    const existing = new Sqlite(path, { readonly: true, fileMustExist: true });
    try {
      const recorded = existing.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
      if (recorded) for (const version of existing.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]) before.add(version);
    } finally {
      existing.close();
    }
  }
  const db = openEventDatabase({ path }, now);
  try {
    const all = (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]).filter((version) => !before.has(version));
    return described(db, new Set(all));
  } finally {
    db.close();
  }
}

function described(db: SqlDatabase, applied: ReadonlySet<number>): { applied: AppliedMigration[]; version: number } {
  const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
  return { applied: rows.filter((row) => applied.has(row.version)), version: rows.length === 0 ? 0 : (rows[rows.length - 1] as AppliedMigration).version };
}
