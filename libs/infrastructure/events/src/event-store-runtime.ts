import type { KernelComponent, TaskHandle } from '@trader/runtime';
import type { DataSource } from 'typeorm';
import { DeadLetterStore } from './bus/dead-letter-store';
import { LaneDispatcher } from './bus/lane-dispatcher';
import { PublishingEventStore } from './bus/publishing-event-store';
import { defaultEventDatabasePath } from './database/event-database.options';
import { openEventDatabase } from './database/open-event-database.bootstrap';
import { CheckpointSynchronous, WalCheckpointer } from './database/wal-checkpointer';
import { isWalFile } from './database/wal-file';
import { EventStoreRuntimeOptions } from './event-store-runtime.options';
import { RebuildProgress, Projection } from './projections/projection';
import { ProjectionSubscriber } from './projections/projection-subscriber';
import { openReadModelDataSource } from './projections/read-model-data-source.bootstrap';
import type { Database } from 'better-sqlite3';
import { rebuildProjections, RebuildTuning } from './projections/rebuild-projection';
import { EventSchemaRegistry } from './schema/event-schema-registry';
import { SqlSnapshotStore } from './snapshots/sql-snapshot-store';
import { SqliteEventStore } from './store/sqlite-event-store';
import type { EventLog } from './store/event-log';
import { EventLogReader, eventLogReaderOf } from './store/event-log-reader';
import { PgLogReader } from './pg/pg-log-reader';
import { SqlDatabase, SqlDialect } from './database/sql-database';
import { isPgUrl, PgSyncDatabase } from './pg/pg-sync-database';
import { migratePg } from './pg/migrate-pg';
import { PgAppendConnection } from './pg/pg-append-connection';
import { PgEventStore } from './pg/pg-event-store';
import { accountSchema } from './pg/account-schema';
import { AccountLeaseMismatchError } from './pg/pg-account-lease.errors';
import { openPgReadModelDataSource } from './pg/pg-read-model-data-source.bootstrap';
import { CheckpointStore } from './subscriptions/checkpoint-store';
import { EventSubscriber } from './subscriptions/event-subscriber';
import { EventStoreNotStartedError, UnknownSubscriberError } from './bus/event-bus.errors';

/**
 * The whole event store wired together on one database and one connection: store, publishing
 * store, lanes, checkpoints, dead letters, snapshots and projections all use `db`. On SQLite the
 * TypeORM read-model DataSource shares that connection too; on PostgreSQL (`path` is a `postgres://`
 * URL) TypeORM reads through its own pool, from the same account schema. The Nest module, the
 * benchmarks and the tests all build it the same way.
 */
export class EventStoreRuntime {
  /** The SQLite file, or the PostgreSQL URL (as given: it may hold a password, never log it; `db.name` is redacted). */
  readonly path: string;
  readonly dialect: SqlDialect;
  /** PostgreSQL only: the schema holding this account's tables. */
  readonly schema: string | undefined;
  readonly db: SqlDatabase;
  readonly store: EventLog;
  readonly checkpoints: CheckpointStore;
  readonly deadLetters: DeadLetterStore;
  readonly snapshots: SqlSnapshotStore;
  readonly dispatcher: LaneDispatcher;
  readonly publishing: PublishingEventStore;
  private readModels: Promise<DataSource> | undefined;
  private writingAfter: number | undefined;
  private readonly projections = new Map<string, ProjectionSubscriber>();
  private readonly schemas: EventSchemaRegistry;
  private walCheckpointer: WalCheckpointer | undefined;
  private walCheckpointTask: TaskHandle | undefined;
  private rebuildsRunning = 0;
  /** SQLite's automatic checkpoint threshold as the file was opened with (1,000 pages unless changed). */
  private readonly ownAutocheckpointPages: number | undefined;

  constructor(private readonly options: EventStoreRuntimeOptions) {
    const now = (): number => options.clock.now();
    this.path = options.path ?? defaultEventDatabasePath;
    const schemas = new EventSchemaRegistry(options.schemas ?? [], {
      ...(options.rejectUnknownTypes !== undefined ? { rejectUnknownTypes: options.rejectUnknownTypes } : {}),
    });
    this.schemas = schemas;
    const storeOptions = { clock: options.clock, schemas, ...(options.fullDurabilityTypes ? { fullDurabilityTypes: options.fullDurabilityTypes } : {}) };
    if (isPgUrl(this.path)) {
      this.dialect = 'postgres';
      this.schema = accountSchema(options.account);
      if (options.lease && options.lease.schema !== this.schema) throw new AccountLeaseMismatchError(`the lease is for schema ${options.lease.schema}, the store for ${this.schema}`);
      const db = new PgSyncDatabase(this.path, { schema: this.schema, applicationName: `upbit-trader ${this.schema}` });
      migratePg(db, this.schema, now());
      this.db = db;
      // The usual appends go on a connection of their own, awaited in the event loop (see PgAppendConnection).
      const appendConnection = new PgAppendConnection(this.path, { schema: this.schema, applicationName: `upbit-trader ${this.schema} appends` });
      this.store = new PgEventStore(db, { ...storeOptions, appendConnection, ...(options.lease ? { lease: options.lease } : {}) });
    } else {
      if (options.lease) throw new AccountLeaseMismatchError('a lease is for a PostgreSQL store; a SQLite file has one process by construction');
      this.dialect = 'sqlite';
      this.schema = undefined;
      const db = openEventDatabase({ path: this.path }, now());
      this.db = db;
      this.store = new SqliteEventStore(db, storeOptions);
      this.ownAutocheckpointPages = isWalFile(db) ? Number(db.pragma('wal_autocheckpoint', { simple: true })) : undefined;
    }
    this.checkpoints = new CheckpointStore(this.db, now);
    this.deadLetters = new DeadLetterStore(this.db, this.checkpoints, now);
    this.snapshots = new SqlSnapshotStore(this.db);
    this.dispatcher = new LaneDispatcher(this.store, this.checkpoints, this.deadLetters, options.tasks, {
      now,
      ...(options.queueCapacity !== undefined ? { queueCapacity: options.queueCapacity } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.publishing = new PublishingEventStore(this.store, this.dispatcher);
  }

  /**
   * A reader of the log for a process that follows another one's appends (a standby following the
   * active instance). On PostgreSQL it has a connection of its own, in the event loop (`PgLogReader`):
   * its waits for the server block nothing, a read takes at most `answerTimeoutMs`, and the runtime's
   * own connection is never touched. It decodes as the runtime's store does. SQLite has no server to
   * wait for: it reads the runtime's own store, and `close` leaves it open. Opening waits for the
   * connection, up to `answerTimeoutMs`, and throws if it fails.
   */
  async openLogReader(answerTimeoutMs: number): Promise<EventLogReader> {
    if (this.dialect === 'sqlite') return eventLogReaderOf(this.store);
    return PgLogReader.open(this.path, { schema: this.schema as string, schemas: this.schemas, answerTimeoutMs });
  }

  /**
   * TypeORM on the store's connection (set up on first use, with the configured entities; its schema
   * sync creates the read-model tables). Open it before the lanes start: an append issued while the
   * schema sync's transaction is open is refused with `TransactionInProgressError`.
   */
  readModelDataSource(): Promise<DataSource> {
    const entities = this.options.readModelEntities ?? [];
    this.readModels ??=
      this.db instanceof PgSyncDatabase
        ? openPgReadModelDataSource(this.db, this.path, this.schema as string, entities)
        : openReadModelDataSource(this.db as Database, entities);
    return this.readModels;
  }

  addSubscriber(subscriber: EventSubscriber): void {
    this.dispatcher.register(subscriber);
  }

  async addProjection(projection: Projection): Promise<ProjectionSubscriber> {
    // The projection prepares its statements on its tables, which TypeORM's schema sync creates.
    await this.readModelDataSource();
    const subscriber = new ProjectionSubscriber(projection, this.db, () => this.options.clock.now());
    this.dispatcher.register(subscriber);
    this.projections.set(projection.name, subscriber);
    return subscriber;
  }

  /** Rebuilds a projection from position 0 while its live deliveries wait; returns the position reached. */
  rebuild(projectionName: string, onProgress?: (progress: RebuildProgress) => void, options: RebuildTuning = {}): Promise<number> {
    return this.rebuildAll([projectionName], onProgress, options);
  }

  /**
   * Rebuilds several projections from position 0 in one pass over the log (each event read once),
   * while their live deliveries wait; returns the position reached. If the page reader's thread fails,
   * the rebuild reads on inline and the runtime's logger gets a warning.
   */
  rebuildAll(projectionNames: readonly string[], onProgress?: (progress: RebuildProgress) => void, options: RebuildTuning = {}): Promise<number> {
    const subscribers: ProjectionSubscriber[] = [];
    for (const name of projectionNames) {
      const subscriber = this.projections.get(name);
      if (!subscriber) return Promise.reject(new UnknownSubscriberError(name));
      subscribers.push(subscriber);
    }
    const rebuild = async (): Promise<number> => {
      this.rebuildsRunning += 1;
      this.setAutocheckpoint();
      try {
        return await rebuildProjections(subscribers, this.store, {
          ...options,
          ...(onProgress ? { onProgress } : {}),
          onReadAheadFailed: ({ position, error }) =>
            this.options.logger?.warn('rebuild: the page reader failed, reading the rest on the main thread', { projections: [...projectionNames], position, error: error.message }),
        });
      } finally {
        this.rebuildsRunning -= 1;
        this.setAutocheckpoint();
      }
    };
    // Each projection's live deliveries wait until the whole rebuild is done.
    const paused = projectionNames.reduceRight<() => Promise<number>>((inner, name) => () => this.dispatcher.pauseWhile(name, inner), rebuild);
    return paused();
  }

  start(): void {
    this.writingAfter = this.store.lastPosition();
    this.startWalCheckpoints();
    this.dispatcher.start();
  }

  /** The thread checkpointing the WAL (SQLite file in WAL mode, unless turned off), once started. */
  walCheckpoints(): WalCheckpointer | undefined {
    return this.walCheckpointer;
  }

  /**
   * SQLite's automatic checkpoint runs in the commit that crosses its threshold, on the event loop: up
   * to 1,000 pages copied and two files synced, which held critical events 5 to 15 ms under a flood
   * (docs/event-store.md, "Durability"). A thread of its own does it instead, a passive checkpoint every
   * second; the connection's automatic checkpoint stays as a backstop at a higher threshold.
   */
  private startWalCheckpoints(): void {
    const settings = this.options.walCheckpoints;
    if (settings === false || this.walCheckpointTask || this.dialect !== 'sqlite') return;
    const db = this.db as Database;
    if (!isWalFile(db)) return;
    const levels: readonly CheckpointSynchronous[] = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
    const synchronous = levels[Number(db.pragma('synchronous', { simple: true }))] ?? 'FULL';
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const checkpointer = new WalCheckpointer({ file: db.name, synchronous, pageSize, ...(settings?.startPages ? { startPages: settings.startPages } : {}) });
    this.walCheckpointer = checkpointer;
    // A failed request is logged and counted by the task manager; the thread is started again on a later
    // request, after a pause that doubles while it keeps failing (1 s to 1 min), so a lasting fault is not
    // logged at every tick.
    let pause = 0;
    let nextAt = 0;
    this.walCheckpointTask = this.options.tasks.every('events.wal-checkpoint', 'event-store', settings?.intervalMs ?? 1_000, async () => {
      if (this.options.clock.now() < nextAt) return;
      try {
        await checkpointer.checkpoint();
        pause = 0;
      } catch (error) {
        pause = Math.min(pause === 0 ? 1_000 : pause * 2, 60_000);
        nextAt = this.options.clock.now() + pause;
        throw error;
      }
    });
    this.setAutocheckpoint();
  }

  /**
   * The main connection's automatic checkpoint threshold, from what runs: the backstop's (10,000 pages
   * by default) while the checkpoint thread runs or a rebuild does, SQLite's own otherwise. A rebuild
   * writes pages as fast as it can; SQLite's checkpoint every 1,000 of them, inside its commits, copies
   * them and syncs both files each time, which cost about a tenth of a rebuild here
   * (docs/benchmarks/event-store.md). What a power cut may lose grows to the backstop's pages of the
   * rebuild's own commits; their checkpoints are in the same transactions, so the projections write
   * them again from there. `walCheckpoints: false` leaves the threshold alone.
   */
  private setAutocheckpoint(): void {
    const settings = this.options.walCheckpoints;
    if (settings === false || this.ownAutocheckpointPages === undefined) return;
    const raised = this.walCheckpointTask !== undefined || this.rebuildsRunning > 0;
    const pages = raised ? Math.max(1, Math.floor(settings?.backstopPages ?? 10_000)) : this.ownAutocheckpointPages;
    (this.db as Database).pragma(`wal_autocheckpoint = ${pages}`);
  }

  /**
   * The last position stored before this process started its lanes, that is before it became the
   * account's writer: at start-up, or when a standby took over long after it was built. What was
   * submitted at or before it belongs to a process that is gone (the order saga looks it up, never sends it).
   */
  startedAfterPosition(): number {
    if (this.writingAfter === undefined) throw new EventStoreNotStartedError('the position this process started writing after');
    return this.writingAfter;
  }

  /** Stops the lanes (in-flight events stay unprocessed and are redelivered on the next start), closes the connection. */
  async stop(): Promise<void> {
    await this.dispatcher.stop();
    if (this.walCheckpointTask) {
      this.walCheckpointTask.abort('the event store stopped');
      await this.walCheckpointTask.done;
      this.walCheckpointTask = undefined;
    }
    await this.walCheckpointer?.close();
    const readModels = this.readModels ? await this.readModels : undefined;
    if (readModels?.isInitialized) await readModels.destroy();
    // The appends in flight finish first; then the store's append connection closes.
    if (this.store instanceof PgEventStore) await this.store.close();
    if (this.db.open) this.db.close();
  }

  /** The kernel component: started after the task manager, stopped before it. */
  component(): KernelComponent {
    return {
      name: 'event-store',
      start: async () => {
        this.start();
        // PostgreSQL: the append connection's session opened now, not by the first order's append.
        if (this.store instanceof PgEventStore) await this.store.openAppends();
      },
      stop: () => this.stop(),
      // A lane whose worker failed is down until its restarted worker has caught up: the component is
      // down while the critical lane is (trading is halted then), degraded for a lower lane or a full one.
      health: () => {
        const { lanes } = this.dispatcher.stats();
        const down = lanes.filter((lane) => lane.state === 'down');
        const full = lanes.filter((lane) => lane.queueDepth >= lane.capacity);
        const problems = [
          ...(down.length > 0 ? [`lanes down (restarting): ${down.map((l) => `${l.lane} (${l.lastError ?? 'failed'})`).join(', ')}`] : []),
          ...(full.length > 0 ? [`full lanes: ${full.map((l) => l.lane).join(', ')}`] : []),
        ];
        if (problems.length === 0) return { status: 'up' };
        return { status: down.some((l) => l.lane === 'critical-trading') ? 'down' : 'degraded', detail: problems.join('; ') };
      },
    };
  }
}
