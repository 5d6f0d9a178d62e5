import type { StoredEvent } from '@trader/application';
import { yieldToEventLoop } from '../bus/wait';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';

export interface RebuildOptions {
  /**
   * Events read per batch (each projection's share of a batch is one transaction). Default 1000: larger
   * batches measured slower (their events outlive V8's young generation), smaller ones commit more often.
   */
  readonly batchSize?: number;
  /** Called after each batch, once per projection. */
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/** Each projection with the events of the current batch it takes. */
interface Share {
  readonly subscriber: ProjectionSubscriber;
  readonly types: ReadonlySet<string> | undefined;
  events: StoredEvent[];
  processed: number;
}

/**
 * Rebuilds projections from position 0 in one pass over the log: empties them, then reads the stored
 * events any of them takes in batches and hands each projection its share (one transaction per
 * projection and batch, checkpoint included), up to the position committed when the rebuild started
 * and then on until it has caught up. Each event is read and decoded once however many projections
 * take it; types none of them takes are filtered out by SQLite and never decoded. Keyset pages keep
 * memory flat whatever the length of the log. Between batches it yields to the event loop: a batch is
 * synchronous, a whole rebuild would block timers and sockets. Returns the position reached.
 */
export async function rebuildProjections(subscribers: readonly ProjectionSubscriber[], store: SqliteEventStore, options: RebuildOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  const shares: Share[] = subscribers.map((subscriber) => ({
    subscriber,
    types: subscriber.eventTypes === undefined ? undefined : new Set(subscriber.eventTypes),
    events: [],
    processed: 0,
  }));
  const types = shares.some((share) => share.types === undefined) ? undefined : [...new Set(shares.flatMap((share) => [...(share.types ?? [])]))];
  for (const share of shares) share.subscriber.reset();
  let position = 0;
  for (;;) {
    const target = store.lastPosition();
    if (position >= target) return position;
    while (position < target) {
      let read = 0;
      let last = position;
      for (const event of store.readRange(position + 1, target, types, batchSize)) {
        for (const share of shares) if (share.types === undefined || share.types.has(event.type)) share.events.push(event);
        read += 1;
        last = event.position;
      }
      // A short batch reached the target; checkpoints move past events of other types too.
      position = read < batchSize ? target : last;
      for (const share of shares) {
        share.subscriber.applyBatch(share.events, position);
        share.processed += share.events.length;
        share.events = [];
        options.onProgress?.({ projection: share.subscriber.name, processed: share.processed, position, target });
      }
      await yieldToEventLoop();
    }
  }
}

/** Rebuilds one projection (see `rebuildProjections`). */
export function rebuildProjection(subscriber: ProjectionSubscriber, store: SqliteEventStore, options: RebuildOptions = {}): Promise<number> {
  return rebuildProjections([subscriber], store, options);
}
