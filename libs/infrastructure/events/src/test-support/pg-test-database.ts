import { randomBytes } from 'node:crypto';
import { PgSyncDatabase } from '../pg/pg-sync-database';

/** The server the PostgreSQL tests use: each test file creates its own databases there and drops them. */
export const pgTestServerUrl = process.env['TRADER_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let availability: string | undefined | null = null;

/** Why PostgreSQL cannot be used here, or undefined when it can (checked once per process). */
export function pgUnavailableReason(): string | undefined {
  if (availability !== null) return availability;
  try {
    new PgSyncDatabase(pgTestServerUrl, { statementTimeoutMs: 3_000, answerTimeoutMs: 5_000 }).close();
    availability = undefined;
  } catch (error) {
    availability = (error as Error).message;
  }
  return availability;
}

/**
 * `describe` when PostgreSQL answers at `pgTestServerUrl`. Without it the tests are skipped by name,
 * loudly, on a developer's machine; on CI (CI=true, where .ci/run starts the server) they fail, unless
 * .ci/run found no PostgreSQL installed at all and said so (TRADER_SKIP_PG=1).
 */
export function describeWithPg(name: string, body: () => void): void {
  const reason = pgUnavailableReason();
  if (reason === undefined) return describe(name, body);
  const hint = 'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
  if (process.env['CI'] && process.env['TRADER_SKIP_PG'] !== '1') throw new Error(`PostgreSQL is not reachable at ${pgTestServerUrl} (${reason}); ${hint}`);
  console.warn(`SKIPPED PostgreSQL tests "${name}": no server at ${pgTestServerUrl} (${reason}); ${hint}`);
  describe.skip(name, body);
}

export interface PgTestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): void;
}

/** A new, empty database on the test server. */
export function createPgTestDatabase(): PgTestDatabase {
  const name = `trader_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new PgSyncDatabase(pgTestServerUrl);
  try {
    admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    admin.close();
  }
  const url = new URL(pgTestServerUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop() {
      const dropper = new PgSyncDatabase(pgTestServerUrl);
      try {
        dropper.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        dropper.close();
      }
    },
  };
}
