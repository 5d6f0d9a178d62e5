import type { NewEvent } from '@trader/application';
import { accountSchema, EventLog, migratePg, openEventDatabase, PgAccountLease, PgAppendConnection, PgEventStore, PgSyncDatabase, SqlDatabase, SqliteEventStore } from '@trader/events';
import { SystemClock } from '@trader/runtime';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
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
 * - `floor-pg`: no event store, the floor under any: each append one INSERT statement of its events
 *   into a one-index table (a bigserial key), from an async `pg` client, committed on its own with
 *   synchronous_commit=on. No version check, no idempotency, no stream index: what committing the
 *   rows durably costs on this server, whatever store does it.
 *
 * Where one process appends to our PostgreSQL store (the append rows, the dispatcher lag rows), it holds
 * the account's lease as a trader does, so every append carries the lease fence a trader's appends
 * carry (`{ lease: true }`). The lag rows' 4 writer processes cannot all hold it (one active process per
 * account is the product's shape); they append without a lease.
 */
export type ContenderId = 'ours-pg-full' | 'ours-pg-default' | 'emmett-pg' | 'ours-sqlite-full' | 'ours-sqlite-normal' | 'floor-pg';

export const contenderLabels: Record<ContenderId, string> = {
  'ours-pg-full': 'ours PG, durability full (synchronous_commit=on)',
  'ours-pg-default': 'ours PG, default durability (synchronous_commit=off, not equal)',
  'emmett-pg': 'emmett-postgresql getPostgreSQLEventStore',
  'ours-sqlite-full': 'ours SQLite, WAL + synchronous FULL',
  'ours-sqlite-normal': 'ours SQLite, WAL + synchronous NORMAL (default)',
  'floor-pg': 'floor: one bare INSERT per append (pg client, autocommit, synchronous_commit=on; no checks, primary key only)',
};

/** Where one measured run writes: a fresh schema (PostgreSQL) or a fresh file (SQLite). */
export type RunTarget =
  | { readonly store: 'ours-pg'; readonly databaseUrl: string; readonly account: string }
  | { readonly store: 'emmett-pg'; readonly url: string }
  | { readonly store: 'floor-pg'; readonly url: string }
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

/** The account's lease on a PostgreSQL target, taken as a trader takes it (the bench's schemas are its own: it is free). */
export function takeLease(target: RunTarget): PgAccountLease {
  if (target.store !== 'ours-pg') throw new Error(`no lease on ${target.store}`);
  const lease = new PgAccountLease({ url: target.databaseUrl, account: target.account, applicationName: `bench lease ${target.account}` });
  if (!lease.tryAcquire()) throw new Error(`the bench's own account ${target.account} is leased by someone else`);
  return lease;
}

/**
 * Our store on `target`, built the way EventStoreRuntime builds it (migrations included; on PostgreSQL
 * the appends on a connection of their own, which `close` ends), fenced by `lease` when given.
 */
export function openOurs(target: RunTarget, lease?: PgAccountLease): { db: SqlDatabase; store: EventLog; close?: () => Promise<void> } {
  const clock = new SystemClock();
  if (target.store === 'ours-pg') {
    const schema = accountSchema(target.account);
    const db = new PgSyncDatabase(target.databaseUrl, { schema, applicationName: `bench ${schema}` });
    migratePg(db, schema, clock.now());
    const appendConnection = new PgAppendConnection(target.databaseUrl, { schema, applicationName: `bench ${schema} appends` });
    const store = new PgEventStore(db, { clock, appendConnection, ...(lease ? { lease } : {}) });
    return { db, store, close: () => store.close() };
  }
  if (target.store === 'ours-sqlite') {
    const db = openEventDatabase({ path: target.file }, clock.now());
    return { db, store: new SqliteEventStore(db, { clock }) };
  }
  throw new Error(`not one of our stores: ${target.store}`);
}

export async function openAppender(contender: ContenderId, target: RunTarget, how: { readonly lease: boolean }): Promise<Appender> {
  if (target.store === 'floor-pg') return openFloor(target.url);
  if (target.store === 'emmett-pg') {
    const store = await openEmmett(target.url);
    return {
      append: async (streamId, events) => Number((await store.appendToStream(streamId, events as EmmettPgEvent[])).lastEventGlobalPosition),
      close: () => store.close(),
    };
  }
  const lease = how.lease && target.store === 'ours-pg' ? takeLease(target) : undefined;
  const { db, store, close } = openOurs(target, lease);
  // Its append connection opened before anything is timed, as Emmett's pool is by its `migrate`.
  if (store instanceof PgEventStore) await store.openAppends();
  const durability = durabilityOf(contender);
  const options = durability ? { durability } : undefined;
  return {
    append: async (streamId, events) => {
      // Emmett gives each message a UUID itself; ours takes the caller's event id (idempotent retries).
      const stamped: NewEvent[] = events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data }));
      return (await store.append(streamId, 'any', stamped, options)).lastPosition;
    },
    close: async () => {
      await close?.();
      db.close();
      lease?.release();
    },
  };
}

/** Emmett's store with its schema created (`migrate`) before anything is timed. */
export async function openEmmett(url: string): Promise<EmmettPgStore> {
  const store = loadEmmettPg().getPostgreSQLEventStore(url);
  await store.schema.migrate();
  return store;
}

/**
 * The floor appender: one INSERT of all the call's events (unnest, so one statement and one round trip
 * whatever their number), autocommitted with synchronous_commit=on, the table created before anything
 * is timed. It returns the last position as the stores do.
 */
async function openFloor(url: string): Promise<Appender> {
  const client = new Client({ connectionString: url, application_name: 'bench floor' });
  await client.connect();
  await client.query('SET synchronous_commit = on');
  await client.query('CREATE TABLE floor_events (position bigserial PRIMARY KEY, stream_id text NOT NULL, event_type text NOT NULL, payload text NOT NULL)');
  const insert = 'INSERT INTO floor_events (stream_id, event_type, payload) SELECT $1, t, p FROM unnest($2::text[], $3::text[]) AS e(t, p) RETURNING position';
  return {
    append: async (streamId, events) => {
      const { rows } = await client.query<{ position: string }>({
        name: 'floor-append',
        text: insert,
        values: [streamId, events.map((e) => e.type), events.map((e) => JSON.stringify(e.data))],
      });
      return Number((rows.at(-1) as { position: string }).position);
    },
    close: () => client.end(),
  };
}
