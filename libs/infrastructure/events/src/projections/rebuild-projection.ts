import type { StoredEvent } from '@trader/application';
import { yieldToEventLoop } from '../bus/wait';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';

export interface RebuildOptions {
  /** Events read per transaction. Default 5000. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Rebuilds a projection from position 0: empties it, then replays the stored events it takes in
 * batches (one transaction per batch, checkpoint included), up to the position committed when the
 * rebuild started and then on until it has caught up. Only the projection's event types are read and
 * decoded, in keyset pages, so memory stays flat whatever the length of the log. Between batches it
 * yields to the event loop: a batch is synchronous, a whole rebuild would block timers and sockets.
 * Returns the position it reached.
 */
export async function rebuildProjection(subscriber: ProjectionSubscriber, store: SqliteEventStore, options: RebuildOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  subscriber.reset();
  let position = 0;
  let processed = 0;
  for (;;) {
    const target = store.lastPosition();
    if (position >= target) return position;
    while (position < target) {
      const batch: StoredEvent[] = [];
      for (const event of store.readRange(position + 1, target, subscriber.eventTypes, batchSize)) batch.push(event);
      // The checkpoint moves to the end of what was scanned, also past events of other types.
      const reached = batch.length < batchSize ? target : batch[batch.length - 1].position;
      subscriber.applyBatch(batch, reached);
      processed += batch.length;
      position = reached;
      options.onProgress?.({ projection: subscriber.name, processed, position, target });
      await yieldToEventLoop();
    }
  }
}
