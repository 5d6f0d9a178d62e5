import type { NewEvent } from '@trader/application';
import { accountSchema, EventLog, migratePg, openEventDatabase, PgEventStore, PgSyncDatabase, SqlDatabase, SqliteEventStore } from '@trader/events';
import { SystemClock } from '@trader/runtime';
import { randomUUID } from 'node:crypto';
import { EmmettPgEvent, EmmettPgStore, loadEmmettPg } from './emmett-pg.loader';

/**
 * The stores `--pg` compares, each at one durability:
 * - `ours-pg-full`: PgEventStore, `durability: 'full'` (its append commits with synchronous_commit=on,
 *   the WAL flushed before the append resolves), the durability Emmett's appends have.
 * - `ours-pg-default`: PgEventStore with no option: synchronous_commit=off (a crash of the server may
 *   lose the last commits, a crash of the process loses nothing). Not Emmett's durability.
 * - `emmett-pg`: getPostgreSQLEventStore of @event-driven-io/emmett-postgresql 0.42.0, as it comes
 *   (its pool, its `emt_append_to_stream` function, the server's synchronous_commit, default on).
 * - `ours-sqlite-full` / `ours-sqlite-normal`: SqliteEventStore, WAL, synchronous FULL / NORMAL.
 */
export type ContenderId = 'ours-pg-full' | 'ours-pg-default' | 'emmett-pg' | 'ours-sqlite-full' | 'ours-sqlite-normal';

export const contenderLabels: Record<ContenderId, string> = {
  'ours-pg-full': 'ours PG, durability full (synchronous_commit=on)',
  'ours-pg-default': 'ours PG, default durability (synchronous_commit=off, not equal)',
  'emmett-pg': 'emmett-postgresql getPostgreSQLEventStore',
  'ours-sqlite-full': 'ours SQLite, WAL + synchronous FULL',
  'ours-sqlite-normal': 'ours SQLite, WAL + synchronous NORMAL (default)',
};

/** Where one measured run writes: a fresh schema (PostgreSQL) or a fresh file (SQLite). */
export type RunTarget =
  | { readonly store: 'ours-pg'; readonly databaseUrl: string; readonly account: string }
  | { readonly store: 'emmett-pg'; readonly url: string }
  | { readonly store: 'ours-sqlite'; readonly file: string };

export interface BenchEvent {
  readonly type: string;
  readonly data: Record<string, string | number>;
}

/** One connection appending to one store; `append` resolves to the position of the last event. */
export interface Appender {
  append(streamId: string, events: readonly BenchEvent[]): Promise<number>;
  close(): Promise<void>;
}

export function durabilityOf(contender: ContenderId): 'full' | undefined {
  return contender === 'ours-pg-full' || contender === 'ours-sqlite-full' ? 'full' : undefined;
}

/** Our store on `target`, built the way EventStoreRuntime builds it (migrations included). */
export function openOurs(target: RunTarget): { db: SqlDatabase; store: EventLog } {
  const clock = new SystemClock();
  if (target.store === 'ours-pg') {
    const schema = accountSchema(target.account);
    const db = new PgSyncDatabase(target.databaseUrl, { schema, applicationName: `bench ${schema}` });
    migratePg(db, schema, clock.now());
    return { db, store: new PgEventStore(db, { clock }) };
  }
  if (target.store === 'ours-sqlite') {
    const db = openEventDatabase({ path: target.file }, clock.now());
    return { db, store: new SqliteEventStore(db, { clock }) };
  }
  throw new Error(`not one of our stores: ${target.store}`);
}

export async function openAppender(contender: ContenderId, target: RunTarget): Promise<Appender> {
  if (target.store === 'emmett-pg') {
    const store = await openEmmett(target.url);
    return {
      append: async (streamId, events) => Number((await store.appendToStream(streamId, events as EmmettPgEvent[])).lastEventGlobalPosition),
      close: () => store.close(),
    };
  }
  const { db, store } = openOurs(target);
  const durability = durabilityOf(contender);
  const options = durability ? { durability } : undefined;
  return {
    append: async (streamId, events) => {
      // Emmett gives each message a UUID itself; ours takes the caller's event id (idempotent retries).
      const stamped: NewEvent[] = events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data }));
      return (await store.append(streamId, 'any', stamped, options)).lastPosition;
    },
    close: async () => {
      db.close();
    },
  };
}

/** Emmett's store with its schema created (`migrate`) before anything is timed. */
export async function openEmmett(url: string): Promise<EmmettPgStore> {
  const store = loadEmmettPg().getPostgreSQLEventStore(url);
  await store.schema.migrate();
  return store;
}
