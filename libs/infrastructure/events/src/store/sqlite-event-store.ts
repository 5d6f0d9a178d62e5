import type {
  AppendOptions,
  AppendResult,
  EventStoreStats,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
} from '@trader/application';
import { ConcurrencyError } from '@trader/application';
import type { Clock } from '@trader/domain';
import type { Database, Statement } from 'better-sqlite3';
import { assertNoOpenTransaction, writeTransaction } from '../database/write-transaction';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { eventColumns, EventRow } from './event-row';
import { eventPages } from './event-pages';
import { LiteralLimitStatements } from './literal-limit-statements';
import { DuplicateEventIdError } from './event-store.errors';
import { SqliteEventStoreOptions } from './sqlite-event-store.options';
import { StreamAppend } from './stream-append';
import { CommittedAppends, EncodedAppend, encodeAppends, matches } from './append-encoding';
export type { CommittedAppends } from './append-encoding';
import type { EventLog, EventPagesAhead } from './event-log';
import { SqlitePagesAhead } from './sqlite-pages-ahead';
import { isWalFile } from '../database/wal-file';

/** One page of a correlation chain; the expression is the one indexed by `events_correlation` (migration 5). */
export const correlationPageSql = `SELECT ${eventColumns} FROM events
  WHERE (CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.correlationId') END) = ? AND position >= ? ORDER BY position LIMIT ?`;

/**
 * The append-only event store on better-sqlite3. Every append is one `BEGIN IMMEDIATE` transaction:
 * the version check, the inserts and the commit happen without yielding, so nothing can interleave and
 * positions are assigned in commit order. The connection is shared with the projections and TypeORM;
 * an append issued while another transaction is open on it is refused (`TransactionInProgressError`). Readers page through the table, so they never hold a cursor
 * open across the caller's awaits and memory stays flat.
 */
export class SqliteEventStore implements EventLog {
  private readonly schemas: EventSchemaRegistry;
  private readonly fullDurabilityTypes: ReadonlySet<string>;
  private readonly synchronousOff: boolean;
  private readonly withinCallerTransaction: boolean;
  private readonly pageSize: number;
  private readonly clock: Clock;
  private readonly insert: Statement;
  private readonly versionOf: Statement;
  private readonly byEventId: Statement;
  private readonly streamPage: LiteralLimitStatements;
  private readonly allPage: LiteralLimitStatements;
  private readonly correlationPage: LiteralLimitStatements;
  private readonly lastPositionStmt: Statement;
  private readonly rangePages = new Map<string, LiteralLimitStatements>();
  private readonly transaction: (appends: readonly EncodedAppend[], collect: boolean) => CommittedAppends;

  constructor(
    private readonly db: Database,
    options: SqliteEventStoreOptions,
  ) {
    this.clock = options.clock;
    this.schemas = options.schemas ?? new EventSchemaRegistry();
    this.fullDurabilityTypes = new Set(options.fullDurabilityTypes ?? []);
    this.synchronousOff = options.synchronousOff === true;
    this.withinCallerTransaction = options.withinCallerTransaction === true;
    if (this.synchronousOff) db.pragma('synchronous = OFF');
    this.pageSize = options.pageSize ?? 500;
    this.insert = db.prepare(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    );
    this.versionOf = db
      .prepare('SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1')
      .pluck();
    this.byEventId = db.prepare('SELECT position, stream_id, stream_version FROM events WHERE event_id = ?');
    this.streamPage = new LiteralLimitStatements(db, `SELECT ${eventColumns} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`);
    this.allPage = new LiteralLimitStatements(db, `SELECT ${eventColumns} FROM events WHERE position >= ? ORDER BY position LIMIT ?`);
    this.correlationPage = new LiteralLimitStatements(db, correlationPageSql);
    this.lastPositionStmt = db.prepare('SELECT MAX(position) FROM events').pluck();
    this.transaction = writeTransaction(
      db,
      'an append',
      (appends: readonly EncodedAppend[], collect: boolean) => this.write(appends, collect),
      this.withinCallerTransaction,
    );
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const { results } = await this.appendBatch([{ streamId, expectedVersion, events }], options);
    return results[0];
  }

  /** Appends to several streams in one transaction: all of it is stored, or none. */
  appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<CommittedAppends> {
    return this.commit(appends, options, undefined);
  }

  /**
   * As `appendBatch`, and calls `afterCommit` with the envelopes it committed, synchronously right after
   * the commit and before any other append can commit: listeners see events in position order.
   */
  appendAndNotify(
    appends: readonly StreamAppend[],
    options: AppendOptions | undefined,
    afterCommit: (committed: StoredEvent[]) => void,
  ): Promise<CommittedAppends> {
    return this.commit(appends, options, afterCommit);
  }

  readStream(streamId: string, fromVersion = 1, limit = Number.POSITIVE_INFINITY): Iterable<StoredEvent> {
    const page = (next: number, size: number): EventRow[] => this.streamPage.all(size, streamId, next) as EventRow[];
    return eventPages({ page, key: 'streamVersion', from: fromVersion, limit, pageSize: this.pageSize, schemas: this.schemas });
  }

  readAll(fromPosition = 1, limit = Number.POSITIVE_INFINITY): Iterable<StoredEvent> {
    const page = (next: number, size: number): EventRow[] => this.allPage.all(size, next) as EventRow[];
    return eventPages({ page, key: 'position', from: fromPosition, limit, pageSize: this.pageSize, schemas: this.schemas });
  }

  /**
   * Up to `limit` events between positions `from` and `to` (inclusive), of `types` only when given,
   * in position order. The type filter runs in SQLite, so rows of other types are never decoded (a
   * rebuild reads just what its projection takes). With `metadataOf`, only events of those types get
   * their metadata parsed (see `decodeEventRow`). Keyset pages, as `readAll`.
   */
  readRange(from: number, to: number, types: readonly string[] | undefined, limit = Number.POSITIVE_INFINITY, metadataOf?: ReadonlySet<string>): Iterable<StoredEvent> {
    const statement = this.rangePage(types);
    const typed = types ?? [];
    const page = (next: number, size: number): EventRow[] => statement.all(size, next, to, ...typed) as EventRow[];
    return eventPages({ page, key: 'position', from, to, limit, pageSize: this.pageSize, schemas: this.schemas, ...(metadataOf ? { metadataOf } : {}) });
  }

  /**
   * A worker thread reading pages of this file ahead (see `SqlitePagesAhead`); undefined for an
   * in-memory database, which another connection cannot open, and outside WAL, where its reads and this
   * connection's writes would wait for each other.
   */
  pagesAhead(): EventPagesAhead | undefined {
    if (!isWalFile(this.db)) return undefined;
    return new SqlitePagesAhead({
      file: this.db.name,
      schemas: this.schemas,
      readRows: (from, to, types, limit, metadataOf) => this.readRange(from, to, types, limit, metadataOf),
    });
  }

  readByCorrelation(correlationId: string, fromPosition = 1): Iterable<StoredEvent> {
    const page = (next: number, size: number): EventRow[] => this.correlationPage.all(size, correlationId, next) as EventRow[];
    return eventPages({ page, key: 'position', from: fromPosition, pageSize: this.pageSize, schemas: this.schemas });
  }

  streamVersion(streamId: string): number {
    return (this.versionOf.get(streamId) as number | undefined) ?? 0;
  }

  /** Position of the last committed event, 0 when empty. */
  lastPosition(): number {
    return (this.lastPositionStmt.get() as number | null) ?? 0;
  }

  stats(): EventStoreStats {
    const lastPosition = this.lastPosition();
    const streams = this.db.prepare('SELECT COUNT(*) FROM (SELECT DISTINCT stream_id FROM events)').pluck().get() as number;
    const pageCount = this.db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    // Positions are gap-free and rows are never deleted, so the last position is the number of events.
    return { events: lastPosition, streams, lastPosition, databaseBytes: pageCount * pageSize };
  }

  private rangePage(types: readonly string[] | undefined): LiteralLimitStatements {
    const key = types === undefined ? '' : types.join('\u0000');
    let statement = this.rangePages.get(key);
    if (!statement) {
      const filter = types === undefined ? '' : ` AND event_type IN (${types.map(() => '?').join(', ')})`;
      statement = new LiteralLimitStatements(this.db, `SELECT ${eventColumns} FROM events WHERE position >= ? AND position <= ?${filter} ORDER BY position LIMIT ?`);
      this.rangePages.set(key, statement);
    }
    return statement;
  }

  private commit(
    appends: readonly StreamAppend[],
    options: AppendOptions | undefined,
    afterCommit: ((committed: StoredEvent[]) => void) | undefined,
  ): Promise<CommittedAppends> {
    const collect = afterCommit !== undefined;
    let encoded: EncodedAppend[];
    let full: boolean;
    try {
      ({ encoded, full } = encodeAppends(appends, this.schemas, this.fullDurabilityTypes, options));
      if (this.synchronousOff) full = false;
    } catch (error) {
      return Promise.reject(error);
    }
    try {
      // Checked before the durability pragma too, which SQLite cannot change inside a transaction.
      if (!this.withinCallerTransaction) assertNoOpenTransaction(this.db, 'an append');
      const done = full ? this.fullyDurable(encoded, collect) : this.oneRow(encoded) ? this.write(encoded, collect) : this.transaction(encoded, collect);
      if (afterCommit && done.committed.length > 0) afterCommit(done.committed);
      return Promise.resolve(done);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Inside the caller's transaction, an append of one event needs no savepoint of its own: it throws
   * before its INSERT (a version conflict) or writes that one row, which SQLite makes atomic alone.
   * A savepoint was about a third of the SQLite time of such an append; a backtest makes 11 of them per order.
   */
  private oneRow(encoded: readonly EncodedAppend[]): boolean {
    return this.withinCallerTransaction && encoded.length === 1 && (encoded[0] as EncodedAppend).events.length === 1;
  }

  private fullyDurable(encoded: readonly EncodedAppend[], collect: boolean): CommittedAppends {
    // synchronous=FULL makes this commit fsync the WAL; it is set per transaction, outside of it.
    this.db.pragma('synchronous = FULL');
    try {
      return this.transaction(encoded, collect);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  /** The body of the write transaction. Throws (and so rolls back everything) on the first problem. */
  private write(appends: readonly EncodedAppend[], collect: boolean): CommittedAppends {
    const recordedAt = this.clock.now();
    const results: AppendResult[] = [];
    const committed: StoredEvent[] = [];
    for (const append of appends) {
      const { streamId, expectedVersion, events } = append;
      const before = (this.versionOf.get(streamId) as number | undefined) ?? 0;
      if (!matches(expectedVersion, before)) {
        const replay = this.replayOf(append);
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
        const info = this.insert.run(
          streamId,
          version + 1,
          source.eventId,
          source.type,
          event.schemaVersion,
          event.payload,
          event.metadata,
          recordedAt,
        );
        if (info.changes === 0) {
          lastPosition = this.storedCopy(streamId, source.eventId).position;
          continue;
        }
        version += 1;
        appended += 1;
        lastPosition = Number(info.lastInsertRowid);
        if (collect) {
          committed.push({
            position: lastPosition,
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
      results.push({ streamId, nextExpectedVersion: version, lastPosition, appended, duplicate: appended === 0 && events.length > 0 });
    }
    return { results, committed };
  }

  /** The stored copy of an event id, which must belong to `streamId`. */
  private storedCopy(streamId: string, eventId: string): { position: number; stream_version: number } {
    const row = this.byEventId.get(eventId) as { position: number; stream_id: string; stream_version: number };
    if (row.stream_id !== streamId) throw new DuplicateEventIdError(eventId, streamId, row.stream_id);
    return row;
  }

  /**
   * A retried command arrives with the expected version it had before its first (successful) attempt.
   * When every one of its event ids is already stored in this stream, the append is a no-op.
   */
  private replayOf(append: EncodedAppend): AppendResult | undefined {
    if (append.events.length === 0) return undefined;
    let lastPosition = 0;
    for (const event of append.events) {
      const row = this.byEventId.get(event.source.eventId) as { position: number; stream_id: string } | undefined;
      if (!row) return undefined;
      if (row.stream_id !== append.streamId) throw new DuplicateEventIdError(event.source.eventId, append.streamId, row.stream_id);
      lastPosition = Math.max(lastPosition, row.position);
    }
    return {
      streamId: append.streamId,
      nextExpectedVersion: (this.versionOf.get(append.streamId) as number | undefined) ?? 0,
      lastPosition,
      appended: 0,
      duplicate: true,
    };
  }
}
