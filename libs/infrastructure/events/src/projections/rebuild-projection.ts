import type { StoredEvent } from '@trader/application';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';

export interface RebuildOptions {
  /** Events per transaction. Default 1000. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Rebuilds a projection from position 0: empties it, then replays every stored event in batches (one
 * transaction per batch, checkpoint included), up to the position committed when the rebuild started
 * and then on until it has caught up. Returns the position it reached.
 */
export async function rebuildProjection(subscriber: ProjectionSubscriber, store: SqliteEventStore, options: RebuildOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  await subscriber.reset();
  let position = 0;
  let processed = 0;
  for (;;) {
    const target = store.lastPosition();
    if (position >= target) return position;
    let batch: StoredEvent[] = [];
    for (const event of store.readAll(position + 1, target - position)) {
      if (subscriber.eventTypes === undefined || subscriber.eventTypes.includes(event.type)) batch.push(event);
      position = event.position;
      processed += 1;
      if (processed % batchSize === 0) {
        await subscriber.applyBatch(batch, position);
        batch = [];
        options.onProgress?.({ projection: subscriber.name, processed, position, target });
      }
    }
    await subscriber.applyBatch(batch, position);
    options.onProgress?.({ projection: subscriber.name, processed, position, target });
  }
}
