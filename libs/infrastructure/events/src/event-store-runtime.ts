import type { KernelComponent } from '@trader/runtime';
import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { DeadLetterStore } from './bus/dead-letter-store';
import { LaneDispatcher } from './bus/lane-dispatcher';
import { PublishingEventStore } from './bus/publishing-event-store';
import { defaultEventDatabasePath } from './database/event-database.options';
import { openEventDatabase } from './database/open-event-database.bootstrap';
import { WriteLock } from './database/write-lock';
import { EventStoreRuntimeOptions } from './event-store-runtime.options';
import { RebuildProgress, Projection } from './projections/projection';
import { ProjectionSubscriber } from './projections/projection-subscriber';
import { openReadModelDataSource } from './projections/read-model-data-source.bootstrap';
import { rebuildProjection } from './projections/rebuild-projection';
import { EventSchemaRegistry } from './schema/event-schema-registry';
import { SqliteSnapshotStore } from './snapshots/sqlite-snapshot-store';
import { SqliteEventStore } from './store/sqlite-event-store';
import { CheckpointStore } from './subscriptions/checkpoint-store';
import { EventSubscriber } from './subscriptions/event-subscriber';
import { UnknownSubscriberError } from './bus/event-bus.errors';

/**
 * The whole event store wired together on one database file: store, publishing store, lanes,
 * checkpoints, dead letters, snapshots and the read-model connection. The Nest module, the benchmarks
 * and the tests all build it the same way.
 */
export class EventStoreRuntime {
  readonly path: string;
  readonly db: Database;
  readonly lock = new WriteLock();
  readonly store: SqliteEventStore;
  readonly checkpoints: CheckpointStore;
  readonly deadLetters: DeadLetterStore;
  readonly snapshots: SqliteSnapshotStore;
  readonly dispatcher: LaneDispatcher;
  readonly publishing: PublishingEventStore;
  private readModels: Promise<DataSource> | undefined;
  private readonly projections = new Map<string, ProjectionSubscriber>();

  constructor(private readonly options: EventStoreRuntimeOptions) {
    const now = (): number => options.clock.now();
    this.path = options.path ?? defaultEventDatabasePath;
    this.db = openEventDatabase({ path: this.path }, now());
    const schemas = new EventSchemaRegistry(options.schemas ?? [], {
      ...(options.rejectUnknownTypes !== undefined ? { rejectUnknownTypes: options.rejectUnknownTypes } : {}),
    });
    this.store = new SqliteEventStore(this.db, this.lock, {
      clock: options.clock,
      schemas,
      ...(options.fullDurabilityTypes ? { fullDurabilityTypes: options.fullDurabilityTypes } : {}),
    });
    this.checkpoints = new CheckpointStore(this.db, this.lock, now);
    this.deadLetters = new DeadLetterStore(this.db, this.lock, this.checkpoints, now);
    this.snapshots = new SqliteSnapshotStore(this.db, this.lock);
    this.dispatcher = new LaneDispatcher(this.store, this.checkpoints, this.deadLetters, options.tasks, {
      now,
      ...(options.queueCapacity !== undefined ? { queueCapacity: options.queueCapacity } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.publishing = new PublishingEventStore(this.store, this.dispatcher);
  }

  /** The read-model connection (opened on first use, with the configured entities). */
  readModelDataSource(): Promise<DataSource> {
    this.readModels ??= this.lock.runExclusive(() => openReadModelDataSource(this.path, this.options.readModelEntities ?? []));
    return this.readModels;
  }

  addSubscriber(subscriber: EventSubscriber): void {
    this.dispatcher.register(subscriber);
  }

  async addProjection(projection: Projection): Promise<ProjectionSubscriber> {
    const subscriber = new ProjectionSubscriber(projection, await this.readModelDataSource(), this.lock, () => this.options.clock.now());
    this.dispatcher.register(subscriber);
    this.projections.set(projection.name, subscriber);
    return subscriber;
  }

  /** Rebuilds a projection from position 0 while its live deliveries wait; returns the position reached. */
  rebuild(projectionName: string, onProgress?: (progress: RebuildProgress) => void, batchSize?: number): Promise<number> {
    const subscriber = this.projections.get(projectionName);
    if (!subscriber) return Promise.reject(new UnknownSubscriberError(projectionName));
    return this.dispatcher.pauseWhile(projectionName, () =>
      rebuildProjection(subscriber, this.store, { ...(onProgress ? { onProgress } : {}), ...(batchSize ? { batchSize } : {}) }),
    );
  }

  start(): void {
    this.dispatcher.start();
  }

  /** Stops the lanes (in-flight events stay unprocessed and are redelivered on the next start), closes both connections. */
  async stop(): Promise<void> {
    await this.dispatcher.stop();
    const readModels = this.readModels ? await this.readModels : undefined;
    if (readModels?.isInitialized) await readModels.destroy();
    if (this.db.open) this.db.close();
  }

  /** The kernel component: started after the task manager, stopped before it. */
  component(): KernelComponent {
    return {
      name: 'event-store',
      start: () => this.start(),
      stop: () => this.stop(),
      health: () => {
        const full = this.dispatcher.stats().lanes.filter((lane) => lane.queueDepth >= lane.capacity);
        return full.length > 0 ? { status: 'degraded', detail: `full lanes: ${full.map((l) => l.lane).join(', ')}` } : { status: 'up' };
      },
    };
  }
}
