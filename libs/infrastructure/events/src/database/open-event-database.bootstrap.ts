import Sqlite, { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { EventDatabaseOptions } from './event-database.options';

/**
 * Opens (creating if needed) the event database and migrates its schema. Runs once at start-up, so it
 * may block. Durability is a decision (docs/event-store.md): WAL, `synchronous=NORMAL` by default
 * (a process crash loses nothing; a power cut may lose the last commits), `FULL` per append on demand.
 */
export function openEventDatabase(options: EventDatabaseOptions, now: number): Database {
  mkdirSync(dirname(options.path), { recursive: true });
  const db = new Sqlite(options.path, { timeout: options.busyTimeoutMs ?? 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, options.path, now);
  return db;
}
