import { PgSyncDatabase, quotePgIdentifier, redactPgUrl } from '@trader/events';
import { randomBytes } from 'node:crypto';

/** The server `--pg` measures on; each run creates its databases there and drops them. */
export const pgBenchServerUrl = process.env['TRADER_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PgBenchDatabase {
  readonly name: string;
  readonly url: string;
}

/**
 * The databases of one `--pg` run: `create()` makes a new empty database, `dropAll()` drops every one
 * of them (ending connections still open to them), also when the run failed half-way. Creating a
 * database takes seconds on a busy machine, so a run creates one per store and gives each timed
 * round a fresh schema in it (`freshSchema`).
 */
export class PgBenchDatabases {
  private readonly created: string[] = [];
  private readonly prefix = `bench_es_${process.pid}_${randomBytes(3).toString('hex')}`;
  private schemas = 0;

  create(label: string): PgBenchDatabase {
    const name = `${this.prefix}_${label}`;
    this.onServer((db) => db.exec(`CREATE DATABASE ${name}`));
    this.created.push(name);
    return { name, url: databaseUrl(name) };
  }

  /** A new empty schema in `database`, and the URL of a connection whose search_path is that schema. */
  freshSchema(database: PgBenchDatabase, prefix: string): { schema: string; url: string } {
    this.schemas += 1;
    const schema = `${prefix}${this.schemas}`;
    on(database.url, (db) => db.exec(`CREATE SCHEMA ${quotePgIdentifier(schema)}`));
    const url = new URL(database.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return { schema, url: url.toString() };
  }

  /** Drops a round's schema once it is measured (outside the timed regions). */
  dropSchema(database: PgBenchDatabase, schema: string): void {
    on(database.url, (db) => db.exec(`DROP SCHEMA IF EXISTS ${quotePgIdentifier(schema)} CASCADE`));
  }

  dropAll(): void {
    for (const name of this.created.splice(0)) this.onServer((db) => db.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }

  /** The server's version and default commit durability, for the labels. */
  serverInfo(): { version: string; synchronousCommit: string } {
    let info = { version: '?', synchronousCommit: '?' };
    this.onServer((db) => {
      const setting = (name: string): string => String(Object.values(db.query(`SHOW ${name}`, []).rows[0] as Record<string, unknown>)[0]);
      info = { version: setting('server_version'), synchronousCommit: setting('synchronous_commit') };
    });
    return info;
  }

  private onServer(work: (db: PgSyncDatabase) => void): void {
    on(pgBenchServerUrl, work);
  }
}

function databaseUrl(name: string): string {
  const url = new URL(pgBenchServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function on(url: string, work: (db: PgSyncDatabase) => void): void {
  let db: PgSyncDatabase;
  try {
    db = new PgSyncDatabase(url, { applicationName: 'bench:event-store' });
  } catch (error) {
    throw new Error(`--pg needs PostgreSQL at ${redactPgUrl(url)} (${(error as Error).message})`);
  }
  try {
    work(db);
  } finally {
    db.close();
  }
}
