import type { StoredEvent } from '@trader/application';
import type { SqlDatabase } from '../database/sql-database';
import { Lane } from '../bus/lane';
import { writeTransaction } from '../database/write-transaction';
import { upsertCheckpointSql } from '../subscriptions/checkpoint-store';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { Projection } from './projection';

/**
 * Runs a projection as a lane subscriber on the shared connection: a batch of events and the
 * checkpoint are applied in one synchronous `BEGIN IMMEDIATE` transaction, so no append can run
 * inside it and a failure midway leaves neither the rows nor the checkpoint.
 */
export class ProjectionSubscriber implements EventSubscriber {
  readonly name: string;
  readonly lane: Lane;
  readonly eventTypes?: readonly string[];
  readonly ownsCheckpoint = true;
  /** The tables the projection writes (see `Projection.tables`). */
  readonly tables: readonly string[];
  /** The event types whose metadata it reads (see `Projection.metadataOf`); undefined: all. */
  readonly metadataOf?: readonly string[];
  /** As `applyBatch`, inside a transaction the caller opened (a rebuild applies several projections in one). */
  readonly applyWithinTransaction: (events: readonly StoredEvent[], checkpoint: number) => void;
  /** As `reset`, inside a transaction the caller opened. */
  readonly resetWithinTransaction: () => void;
  private readonly apply: (events: readonly StoredEvent[], checkpoint: number) => void;
  private readonly clear: () => void;

  constructor(
    readonly projection: Projection,
    /** The shared connection its statements are prepared on. */
    readonly db: SqlDatabase,
    now: () => number,
  ) {
    this.name = projection.name;
    this.lane = projection.lane ?? 'medium-config';
    this.tables = projection.tables ?? [];
    if (projection.eventTypes) this.eventTypes = projection.eventTypes;
    if (projection.metadataOf) this.metadataOf = projection.metadataOf;
    const writes = projection.open(db);
    const upsertCheckpoint = db.prepare(upsertCheckpointSql);
    const deleteCheckpoint = db.prepare('DELETE FROM checkpoints WHERE subscriber = ?');
    this.applyWithinTransaction = (events: readonly StoredEvent[], checkpoint: number) => {
      writes.applyBatch(events);
      upsertCheckpoint.run(this.name, checkpoint, now());
    };
    this.resetWithinTransaction = () => {
      writes.reset();
      deleteCheckpoint.run(this.name);
    };
    this.apply = writeTransaction(db, `projection ${this.name}`, this.applyWithinTransaction);
    this.clear = writeTransaction(db, `resetting projection ${this.name}`, this.resetWithinTransaction);
  }

  handle(event: StoredEvent): Promise<void> {
    return this.handleBatch([event], event.position);
  }

  handleBatch(events: readonly StoredEvent[], checkpoint: number): Promise<void> {
    try {
      this.applyBatch(events, checkpoint);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Applies `events` and moves the checkpoint to `checkpoint`, all in one transaction. */
  applyBatch(events: readonly StoredEvent[], checkpoint: number): void {
    this.apply(events, checkpoint);
  }

  /** Empties the read model and its checkpoint in one transaction. */
  reset(): void {
    this.clear();
  }
}
