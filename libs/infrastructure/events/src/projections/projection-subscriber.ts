import type { StoredEvent } from '@trader/application';
import type { DataSource } from 'typeorm';
import { Lane } from '../bus/lane';
import { WriteLock } from '../database/write-lock';
import { upsertCheckpointSql } from '../subscriptions/checkpoint-store';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { Projection } from './projection';

/**
 * Runs a projection as a lane subscriber: each event is applied and checkpointed in one TypeORM
 * transaction, under the write lock so appends never wait on SQLite's busy handler meanwhile.
 */
export class ProjectionSubscriber implements EventSubscriber {
  readonly name: string;
  readonly lane: Lane;
  readonly eventTypes?: readonly string[];
  readonly ownsCheckpoint = true;

  constructor(
    readonly projection: Projection,
    private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
    private readonly now: () => number,
  ) {
    this.name = projection.name;
    this.lane = projection.lane ?? 'medium-config';
    if (projection.eventTypes) this.eventTypes = projection.eventTypes;
  }

  handle(event: StoredEvent): Promise<void> {
    return this.applyBatch([event], event.position);
  }

  handleBatch(events: readonly StoredEvent[], checkpoint: number): Promise<void> {
    return this.applyBatch(events, checkpoint);
  }

  /** Applies `events` and moves the checkpoint to `checkpoint`, all in one transaction. */
  applyBatch(events: readonly StoredEvent[], checkpoint: number): Promise<void> {
    return this.lock.runExclusive(() =>
      this.dataSource.transaction(async (manager) => {
        for (const event of events) await this.projection.apply(event, manager);
        await manager.query(upsertCheckpointSql, [this.name, checkpoint, this.now()]);
      }),
    );
  }

  /** Empties the read model and its checkpoint in one transaction. */
  reset(): Promise<void> {
    return this.lock.runExclusive(() =>
      this.dataSource.transaction(async (manager) => {
        await this.projection.reset(manager);
        await manager.query('DELETE FROM checkpoints WHERE subscriber = ?', [this.name]);
      }),
    );
  }
}
