import { ManualClock } from '@trader/domain';
import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventDatabase } from '../database/open-event-database.bootstrap';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { SqliteEventStore } from '../store/sqlite-event-store';

/** A real event database in a fresh temp dir, removed by `cleanup()`. */
export interface TempEventDatabase {
  readonly dir: string;
  readonly path: string;
  readonly db: Database;
  readonly clock: ManualClock;
  readonly store: SqliteEventStore;
  reopen(schemas?: EventSchemaRegistry): TempEventDatabase;
  cleanup(): void;
}

export function tempEventDatabase(schemas?: EventSchemaRegistry, existingDir?: string): TempEventDatabase {
  const dir = existingDir ?? mkdtempSync(join(tmpdir(), 'trader-events-'));
  const path = join(dir, 'trader.db');
  const clock = new ManualClock(1_700_000_000_000);
  const db = openEventDatabase({ path }, clock.now());
  const store = new SqliteEventStore(db, { clock, ...(schemas ? { schemas } : {}) });
  return {
    dir,
    path,
    db,
    clock,
    store,
    reopen(nextSchemas) {
      if (db.open) db.close();
      return tempEventDatabase(nextSchemas, dir);
    },
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` small events with ids derived from `prefix`. */
export function sampleEvents(prefix: string, count: number, type = 'SampleRecorded'): { eventId: string; type: string; data: { n: number } }[] {
  return Array.from({ length: count }, (_, n) => ({ eventId: `${prefix}-${n}`, type, data: { n } }));
}
