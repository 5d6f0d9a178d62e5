import { accountSchema, isPgUrl, PgEventStore, PgSyncDatabase, redactPgUrl, SqliteEventStore } from '@trader/events';
import type { EventLog } from '@trader/events';
import Sqlite from 'better-sqlite3';
import { pathExists } from '../../backtest/path-exists';

/** An event store opened for reading only, by a CLI command (doctor, backtest, events tail). */
export interface EventLogReader {
  readonly store: EventLog;
  /** The store for messages: the file, or the URL without its password and the account's schema. */
  readonly label: string;
  close(): void;
}

/**
 * `TRADER_DB` for messages: a SQLite file as it is; a PostgreSQL URL without its password, with the
 * account's schema (the URL may carry a password, which must never reach a log or an answer).
 */
export function eventDatabaseLabel(location: string, account: string): string {
  return isPgUrl(location) ? `${redactPgUrl(location)} (schema ${accountSchema(account)})` : location;
}

/**
 * Opens the event store at `location` (a SQLite file or a `postgres://` URL) read-only, without
 * creating or migrating anything; null when there is no store there yet (no file, or no events table
 * in the account's schema). PostgreSQL refuses writes on this session, as SQLite's read-only mode does.
 */
export async function openEventLogReader(location: string, account: string): Promise<EventLogReader | null> {
  const clock = { now: () => 0 };
  const label = eventDatabaseLabel(location, account);
  if (!isPgUrl(location)) {
    if (!(await pathExists(location))) return null;
    const db = new Sqlite(location, { readonly: true, fileMustExist: true });
    return { store: new SqliteEventStore(db, { clock }), label, close: () => db.close() };
  }
  const schema = accountSchema(account);
  const db = new PgSyncDatabase(location, { schema, applicationName: `upbit-trader cli ${schema}` });
  try {
    db.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    // to_regclass resolves through search_path, which is the account's schema alone.
    const [found] = db.query("SELECT to_regclass('events') IS NOT NULL AS present", []).rows as { present: boolean }[];
    if (found?.present !== true) {
      db.close();
      return null;
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return { store: new PgEventStore(db, { clock }), label, close: () => db.close() };
}
