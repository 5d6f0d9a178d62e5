import type { AppendOptions, AppendResult, EventStoreStats, ExpectedVersion, NewEvent, StoredEvent, StreamAppend } from '@trader/application';
import { ConcurrencyError } from '@trader/application';
import type { Clock } from '@trader/domain';
import { TransactionInProgressError } from '../database/database.errors';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { CommittedAppends, EncodedAppend, encodeAppends, matches } from '../store/append-encoding';
import type { EventLog } from '../store/event-log';
import { eventPages } from '../store/event-pages';
import { eventColumns, EventRow } from '../store/event-row';
import { DuplicateEventIdError } from '../store/event-store.errors';
import type { PgAccountLease } from './pg-account-lease';
import type { PgAppendConnection } from './pg-append-connection';
import { appendLockKeySql } from './pg-append-function';
import { LEASE_NOT_HELD_SQLSTATE } from './lease-lock-sql';
import { PgQueryError } from './pg-database.errors';
import { PgSyncDatabase } from './pg-sync-database';

export interface PgEventStoreOptions {
  readonly clock: Clock;
  readonly schemas?: EventSchemaRegistry;
  /** Event types whose appends always commit with `synchronous_commit = on` (orders and fills). */
  readonly fullDurabilityTypes?: readonly string[];
  /** Rows fetched per page by the lazy readers. Default 500. */
  readonly pageSize?: number;
  /**
   * The account's lease, when several instances may run: every append checks, inside its
   * transaction, that this process's lease session still holds the lock, and is refused
   * (`AccountLeaseNotHeldError`, nothing written) otherwise.
   */
  readonly lease?: PgAccountLease;
  /**
   * A connection of its own for the one-statement appends (the usual ones), awaited in the event loop
   * instead of the worker connection's `Atomics.wait`: EventStoreRuntime gives one. The store owns it
   * from then on (`close`). Without it every append runs on `db`.
   */
  readonly appendConnection?: PgAppendConnection;
}

/** One event row about to be inserted, in the INSERT's column order. */
interface NewRow {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly payload: string;
  readonly metadata: string;
}

const insertSql = `INSERT INTO events (position, stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[])`;

const appendAtOnceSql = 'SELECT appended_event_id, appended_position, appended_version FROM append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)';

// Held until the commit is visible: the next appender of this schema reads the max after it.
const lockSql = `SELECT pg_advisory_xact_lock(${appendLockKeySql})`;

/**
 * The event store on PostgreSQL, with SqliteEventStore's behaviour (the conformance suite runs both).
 *
 * **Appends are serialised per account schema** by a transaction-scoped advisory lock taken first in
 * each append transaction, and positions are max + 1 read after it. The lock is released only after
 * the commit is visible, so positions become visible in order and without gaps: a subscriber reading
 * `position > checkpoint` can never pass an event that commits later with a lower position (the race
 * a sequence has with concurrent writers). The cost is that appends of one account do not overlap;
 * one active trader per account appends one transaction at a time anyway (docs/event-store.md).
 *
 * Durability: the default append commits with `synchronous_commit = off` (as SQLite's NORMAL, a crash
 * of the process loses nothing; a crash of the server may lose the last commits), full-durability
 * types and `durability: 'full'` with `on` (flushed before the append resolves).
 *
 * Round trips: the usual append (new event ids, expected versions met) is one statement, so one
 * request and one answer from the server: `append_events` (see pg-append-function.ts), which takes
 * the lock, checks the account lease when there is one, and inserts (`appendAtOnce`). With an append
 * connection (`PgAppendConnection`, as EventStoreRuntime builds the store) that statement is awaited
 * in the event loop; without one it goes through the worker connection. Otherwise (a
 * retried command's events already stored, a version conflict, an event id twice in the batch, an
 * append without events) that statement wrote nothing, and `appendChecked` decides in TypeScript:
 * [BEGIN, durability, lock, last position + stream versions + known ids] in one request (pipelined),
 * then [INSERT of the new rows, COMMIT] in a second.
 */
export class PgEventStore implements EventLog {
  private readonly schemas: EventSchemaRegistry;
  private readonly fullDurabilityTypes: ReadonlySet<string>;
  private readonly pageSize: number;
  private readonly clock: Clock;
  private readonly lease: PgAccountLease | undefined;
  private readonly statementNames = new Map<string, string>();
  private readonly appendConnection: PgAppendConnection | undefined;
  /** Settles when the last append queued on the append connection is done: appends run one at a time. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: PgSyncDatabase,
    options: PgEventStoreOptions,
  ) {
    this.clock = options.clock;
    this.schemas = options.schemas ?? new EventSchemaRegistry();
    this.fullDurabilityTypes = new Set(options.fullDurabilityTypes ?? []);
    this.pageSize = options.pageSize ?? 500;
    this.lease = options.lease;
    this.appendConnection = options.appendConnection;
  }

  async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const { results } = await this.appendBatch([{ streamId, expectedVersion, events }], options);
    return results[0] as AppendResult;
  }

  appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<CommittedAppends> {
    return this.commit(appends, options, undefined);
  }

  appendAndNotify(appends: readonly StreamAppend[], options: AppendOptions | undefined, afterCommit: (committed: StoredEvent[]) => void): Promise<CommittedAppends> {
    return this.commit(appends, options, afterCommit);
  }

  readStream(streamId: string, fromVersion = 1, limit = Number.POSITIVE_INFINITY): Iterable<StoredEvent> {
    const page = (next: number, size: number): EventRow[] =>
      this.rows('stream', `SELECT ${eventColumns} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3`, [streamId, next, size]);
    return eventPages({ page, key: 'streamVersion', from: fromVersion, limit, pageSize: this.pageSize, schemas: this.schemas });
  }

  readAll(fromPosition = 1, limit = Number.POSITIVE_INFINITY): Iterable<StoredEvent> {
    const page = (next: number, size: number): EventRow[] => this.rows('all', `SELECT ${eventColumns} FROM events WHERE position >= $1 ORDER BY position LIMIT $2`, [next, size]);
    return eventPages({ page, key: 'position', from: fromPosition, limit, pageSize: this.pageSize, schemas: this.schemas });
  }

  readRange(from: number, to: number, types: readonly string[] | undefined, limit = Number.POSITIVE_INFINITY, metadataOf?: ReadonlySet<string>): Iterable<StoredEvent> {
    const typed = types === undefined ? undefined : [...types];
    const page = (next: number, size: number): EventRow[] =>
      typed === undefined
        ? this.rows('range', `SELECT ${eventColumns} FROM events WHERE position >= $1 AND position <= $2 ORDER BY position LIMIT $3`, [next, to, size])
        : this.rows('range-typed', `SELECT ${eventColumns} FROM events WHERE position >= $1 AND position <= $2 AND event_type = ANY($3::text[]) ORDER BY position LIMIT $4`, [next, to, typed, size]);
    return eventPages({ page, key: 'position', from, to, limit, pageSize: this.pageSize, schemas: this.schemas, ...(metadataOf ? { metadataOf } : {}) });
  }

  readByCorrelation(correlationId: string, fromPosition = 1): Iterable<StoredEvent> {
    // The expression is the one indexed by `events_correlation` (PostgreSQL migration 5).
    const page = (next: number, size: number): EventRow[] =>
      this.rows('correlation', `SELECT ${eventColumns} FROM events WHERE ((metadata::jsonb) ->> 'correlationId') = $1 AND position >= $2 ORDER BY position LIMIT $3`, [correlationId, next, size]);
    return eventPages({ page, key: 'position', from: fromPosition, pageSize: this.pageSize, schemas: this.schemas });
  }

  streamVersion(streamId: string): number {
    return (this.value('version', 'SELECT MAX(stream_version) FROM events WHERE stream_id = $1', [streamId]) as number | null) ?? 0;
  }

  lastPosition(): number {
    return (this.value('last', 'SELECT MAX(position) FROM events', []) as number | null) ?? 0;
  }

  stats(): EventStoreStats {
    const lastPosition = this.lastPosition();
    const streams = this.value('streams', 'SELECT COUNT(DISTINCT stream_id) FROM events', []) as number;
    const databaseBytes = this.value(
      'bytes',
      `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
      [],
    ) as number;
    // Positions are gap-free and rows are never deleted, so the last position is the number of events.
    return { events: lastPosition, streams, lastPosition, databaseBytes };
  }

  /**
   * Without an append connection an append runs on `db`, synchronously: it has committed (and
   * `afterCommit` has run) when this returns. With one, appends run one at a time in call order, each
   * awaited on that connection: its `afterCommit` runs right after its commit and before the next
   * append is sent, so listeners still see events in position order.
   */
  private commit(appends: readonly StreamAppend[], options: AppendOptions | undefined, afterCommit: ((committed: StoredEvent[]) => void) | undefined): Promise<CommittedAppends> {
    let encoded: EncodedAppend[];
    let full: boolean;
    try {
      ({ encoded, full } = encodeAppends(appends, this.schemas, this.fullDurabilityTypes, options));
      if (this.db.inTransaction) throw new TransactionInProgressError('an append');
    } catch (error) {
      return Promise.reject(error);
    }
    const collect = afterCommit !== undefined;
    const notify = (done: CommittedAppends): CommittedAppends => {
      if (afterCommit && done.committed.length > 0) afterCommit(done.committed);
      return done;
    };
    const connection = this.appendConnection;
    if (!connection) {
      try {
        return Promise.resolve(notify(this.appendAtOnce(encoded, full, collect) ?? this.appendChecked(encoded, full, collect)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const run = async (): Promise<CommittedAppends> => notify((await this.appendAtOnceAwaited(connection, encoded, full, collect)) ?? this.appendChecked(encoded, full, collect));
    const result = this.queue.then(run);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Opens the append connection now, so the first append does not wait for a new server session (no-op without one). */
  async openAppends(): Promise<void> {
    await this.appendConnection?.open();
  }

  /** Waits for the appends in flight, then closes the append connection (the worker connection is its owner's). */
  async close(): Promise<void> {
    await this.queue;
    await this.appendConnection?.close();
  }

  /**
   * The append as one `append_events` statement on `db`; undefined when it is not one that function
   * takes, or when the function refused it: then nothing was written and `appendChecked` runs the same append.
   */
  private appendAtOnce(appends: readonly EncodedAppend[], full: boolean, collect: boolean): CommittedAppends | undefined {
    const call = this.atOnceCall(appends, full);
    if (!call) return undefined;
    let inserted: [string, number, number][];
    try {
      // Autocommit: the statement is its transaction (a failure rolls it back on the server by itself).
      inserted = this.db.query(appendAtOnceSql, call.values, { name: this.statementName('append-at-once'), array: true }).rows as [string, number, number][];
    } catch (error) {
      throw this.leaseRefusal(error);
    }
    return this.atOnceResult(appends, inserted, call.recordedAt, collect);
  }

  /** `appendAtOnce` on the append connection. */
  private async appendAtOnceAwaited(connection: PgAppendConnection, appends: readonly EncodedAppend[], full: boolean, collect: boolean): Promise<CommittedAppends | undefined> {
    const call = this.atOnceCall(appends, full);
    if (!call) return undefined;
    let inserted: [string, number, number][];
    try {
      inserted = (await connection.query('append-at-once', appendAtOnceSql, call.values)) as [string, number, number][];
    } catch (error) {
      throw this.leaseRefusal(error);
    }
    return this.atOnceResult(appends, inserted, call.recordedAt, collect);
  }

  /** The arguments of `append_events` for these appends; undefined when the function does not take them (see `appendChecked`). */
  private atOnceCall(appends: readonly EncodedAppend[], full: boolean): { values: unknown[]; recordedAt: number } | undefined {
    if (appends.length === 0) return undefined;
    const rows = { streams: [] as string[], ids: [] as string[], types: [] as string[], schemaVersions: [] as number[], payloads: [] as string[], metadata: [] as string[] };
    const checks = { streams: [] as string[], expected: [] as (number | null)[], earlier: [] as number[] };
    const counted = new Map<string, number>();
    const ids = new Set<string>();
    for (const { streamId, expectedVersion, events } of appends) {
      if (events.length === 0) return undefined;
      const earlier = counted.get(streamId) ?? 0;
      checks.streams.push(streamId);
      checks.expected.push(expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion);
      checks.earlier.push(earlier);
      counted.set(streamId, earlier + events.length);
      for (const event of events) {
        if (ids.has(event.source.eventId)) return undefined;
        ids.add(event.source.eventId);
        rows.streams.push(streamId);
        rows.ids.push(event.source.eventId);
        rows.types.push(event.source.type);
        rows.schemaVersions.push(event.schemaVersion);
        rows.payloads.push(event.payload);
        rows.metadata.push(event.metadata);
      }
    }
    const recordedAt = this.clock.now();
    // The lease fence, checked by the function under the append lock (an instance that lost its lease must write nothing).
    const leaseFence = this.lease ? this.lease.appendFence() : null;
    return {
      values: [full, rows.streams, rows.ids, rows.types, rows.schemaVersions, rows.payloads, rows.metadata, recordedAt, checks.streams, checks.expected, checks.earlier, leaseFence],
      recordedAt,
    };
  }

  /** What `append_events` inserted, as the append's results; undefined when it inserted nothing (it refused the append). */
  private atOnceResult(appends: readonly EncodedAppend[], inserted: readonly [string, number, number][], recordedAt: number, collect: boolean): CommittedAppends | undefined {
    // One statement: it inserted every row or none.
    if (inserted.length === 0) return undefined;
    const at = new Map(inserted.map(([eventId, position, version]) => [eventId, { position, version }]));
    const results: AppendResult[] = [];
    const committed: StoredEvent[] = [];
    for (const { streamId, events } of appends) {
      let last = { position: 0, version: 0 };
      for (const { source, schemaVersion } of events) {
        last = at.get(source.eventId) as { position: number; version: number };
        if (collect) {
          committed.push({
            position: last.position,
            streamId,
            streamVersion: last.version,
            eventId: source.eventId,
            type: source.type,
            schemaVersion,
            data: source.data,
            metadata: { ...source.metadata, recordedAt },
          });
        }
      }
      results.push({ streamId, nextExpectedVersion: last.version, lastPosition: last.position, appended: events.length, duplicate: false });
    }
    return { results, committed };
  }

  /** The function's refusal of an append without the account lease, as the lease's error. */
  private leaseRefusal(error: unknown): unknown {
    if (this.lease && error instanceof PgQueryError && error.code === LEASE_NOT_HELD_SQLSTATE) return this.lease.notHeldError();
    return error;
  }

  /** The append decided in TypeScript from what the store holds (replays, conflicts, duplicates). */
  private appendChecked(appends: readonly EncodedAppend[], full: boolean, collect: boolean): CommittedAppends {
    const streamIds = [...new Set(appends.map((a) => a.streamId))];
    const eventIds = appends.flatMap((a) => a.events.map((e) => e.source.eventId));
    let batch: unknown[];
    try {
      batch = this.db.batch([
      { text: 'BEGIN', values: [] },
      { text: `SET LOCAL synchronous_commit = ${full ? 'on' : 'off'}`, values: [] },
      { text: lockSql, values: [], name: this.statementName('lock') },
      { text: 'SELECT COALESCE(MAX(position), 0) FROM events', values: [], name: this.statementName('max'), array: true },
      { text: 'SELECT stream_id, MAX(stream_version) FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id', values: [streamIds], name: this.statementName('versions'), array: true },
      { text: 'SELECT event_id, stream_id, position FROM events WHERE event_id = ANY($1::text[])', values: [eventIds], name: this.statementName('known'), array: true },
      // Under the append lock: an append that passes commits before any append of an instance that takes the lease over later.
      ...(this.lease ? [{ ...this.lease.appendFenceQuery(), name: this.statementName('fence'), array: true }] : []),
      ]);
    } catch (error) {
      this.rollback();
      throw error;
    }
    const [, , , last, versions, known, fence] = batch as [unknown, unknown, unknown, { rows: [number][] }, { rows: [string, number][] }, { rows: [string, string, number][] }, { rows: [boolean][] } | undefined];
    try {
      if (this.lease && fence?.rows[0]?.[0] !== true) throw this.lease.notHeldError();
      let position = (last.rows[0] as [number])[0];
      const streamVersions = new Map(versions.rows.map(([stream, version]) => [stream, version]));
      const stored = new Map(known.rows.map(([eventId, streamId, at]) => [eventId, { streamId, position: at }]));
      const recordedAt = this.clock.now();
      const results: AppendResult[] = [];
      const committed: StoredEvent[] = [];
      const rows: NewRow[] = [];
      for (const append of appends) {
        const { streamId, expectedVersion, events } = append;
        const before = streamVersions.get(streamId) ?? 0;
        if (!matches(expectedVersion, before)) {
          const replay = replayOf(append, stored, before);
          if (replay) {
            results.push(replay);
            continue;
          }
          throw new ConcurrencyError(streamId, expectedVersion, before);
        }
        let version = before;
        let lastPosition = 0;
        let appended = 0;
        for (const event of events) {
          const { source } = event;
          const copy = stored.get(source.eventId);
          if (copy) {
            if (copy.streamId !== streamId) throw new DuplicateEventIdError(source.eventId, streamId, copy.streamId);
            lastPosition = copy.position;
            continue;
          }
          position += 1;
          version += 1;
          appended += 1;
          lastPosition = position;
          stored.set(source.eventId, { streamId, position });
          rows.push({ position, streamId, version, eventId: source.eventId, type: source.type, schemaVersion: event.schemaVersion, payload: event.payload, metadata: event.metadata });
          if (collect) {
            committed.push({
              position,
              streamId,
              streamVersion: version,
              eventId: source.eventId,
              type: source.type,
              schemaVersion: event.schemaVersion,
              data: source.data,
              metadata: { ...source.metadata, recordedAt },
            });
          }
        }
        streamVersions.set(streamId, version);
        results.push({ streamId, nextExpectedVersion: version, lastPosition, appended, duplicate: appended === 0 && events.length > 0 });
      }
      if (rows.length === 0) {
        this.db.exec('COMMIT');
      } else {
        this.db.batch([
          {
            text: insertSql,
            values: [
              rows.map((r) => r.position),
              rows.map((r) => r.streamId),
              rows.map((r) => r.version),
              rows.map((r) => r.eventId),
              rows.map((r) => r.type),
              rows.map((r) => r.schemaVersion),
              rows.map((r) => r.payload),
              rows.map((r) => r.metadata),
              rows.map(() => recordedAt),
            ],
            name: this.statementName('insert'),
          },
          { text: 'COMMIT', values: [] },
        ]);
      }
      return { results, committed };
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  private rollback(): void {
    try {
      this.db.exec('ROLLBACK');
    } catch {
      // A lost connection rolls back on the server by itself; the original error is what matters.
    }
  }

  private rows(key: string, text: string, values: readonly unknown[]): EventRow[] {
    return this.db.query(text, values, { name: this.statementName(key), array: true }).rows as EventRow[];
  }

  private value(key: string, text: string, values: readonly unknown[]): unknown {
    const row = this.db.query(text, values, { name: this.statementName(key), array: true }).rows[0] as unknown[] | undefined;
    return row?.[0];
  }

  /** A prepared-statement name per query of this store, unique on the connection. */
  private statementName(key: string): string {
    let name = this.statementNames.get(key);
    if (!name) {
      name = this.db.statementName(`event_store_${key}`);
      this.statementNames.set(key, name);
    }
    return name;
  }
}

/**
 * A retried command arrives with the expected version it had before its first (successful) attempt.
 * When every one of its event ids is already stored in this stream, the append is a no-op.
 */
function replayOf(append: EncodedAppend, stored: ReadonlyMap<string, { streamId: string; position: number }>, version: number): AppendResult | undefined {
  if (append.events.length === 0) return undefined;
  let lastPosition = 0;
  for (const event of append.events) {
    const row = stored.get(event.source.eventId);
    if (!row) return undefined;
    if (row.streamId !== append.streamId) throw new DuplicateEventIdError(event.source.eventId, append.streamId, row.streamId);
    lastPosition = Math.max(lastPosition, row.position);
  }
  return { streamId: append.streamId, nextExpectedVersion: version, lastPosition, appended: 0, duplicate: true };
}
