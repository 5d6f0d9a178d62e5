import type { StoredEvent } from '@trader/application';
import type { SqlDatabase } from '../database/sql-database';
import { yieldToEventLoop } from '../bus/wait';
import { writeTransaction } from '../database/write-transaction';
import type { EventLog } from '../store/event-log';
import { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';
import { RebuildConnectionsError } from './rebuild.errors';
import { createIndexes, dropIndexes, secondaryIndexes } from './secondary-indexes';

export interface RebuildOptions {
  /**
   * Events read per batch (a batch is one transaction for all the projections). Default 1000: larger
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

function sharedConnection(subscribers: readonly ProjectionSubscriber[]): SqlDatabase {
  const db = subscribers[0].db;
  if (subscribers.some((subscriber) => subscriber.db !== db)) throw new RebuildConnectionsError(subscribers.map((subscriber) => subscriber.name));
  return db;
}

/**
 * Rebuilds projections from position 0 in one pass over the log: empties them, then reads the stored
 * events any of them takes in batches and hands each projection its share, up to the position
 * committed when the rebuild started and then on until it has caught up. A batch is one transaction
 * for all the projections, their checkpoints included. Each event is read and decoded once however
 * many projections take it; types none of them takes are filtered out by SQLite and never decoded.
 * Keyset pages keep memory flat whatever the length of the log. Between batches it yields to the
 * event loop: a batch is synchronous, a whole rebuild would block timers and sockets.
 *
 * The secondary indexes of the projections' tables are dropped with the reset and created again at the
 * end, in one transaction, also when the rebuild fails: SQLite then builds each index once from the
 * full table instead of updating it row by row. Should the process die in between, the read models'
 * schema sync on the next start creates the missing indexes before any projection runs (TypeORM
 * synchronises the entities' `@Index`es). Returns the position reached.
 */
export async function rebuildProjections(subscribers: readonly ProjectionSubscriber[], store: EventLog, options: RebuildOptions = {}): Promise<number> {
  if (subscribers.length === 0) return store.lastPosition();
  const db = sharedConnection(subscribers);
  const batchSize = options.batchSize ?? 1_000;
  const shares: Share[] = subscribers.map((subscriber) => ({
    subscriber,
    types: subscriber.eventTypes === undefined ? undefined : new Set(subscriber.eventTypes),
    events: [],
    processed: 0,
  }));
  const types = shares.some((share) => share.types === undefined) ? undefined : [...new Set(shares.flatMap((share) => [...(share.types ?? [])]))];
  // Metadata is parsed for the types some projection reads it of; undefined when one reads all of it.
  const metadataOf = subscribers.some((s) => s.metadataOf === undefined) ? undefined : new Set(subscribers.flatMap((s) => s.metadataOf ?? []));
  const indexes = secondaryIndexes(db, [...new Set(subscribers.flatMap((subscriber) => subscriber.tables))]);
  const names = subscribers.map((subscriber) => subscriber.name).join(', ');
  writeTransaction(db, `resetting ${names} for a rebuild`, () => {
    for (const share of shares) share.subscriber.resetWithinTransaction();
    dropIndexes(db, indexes);
  })();
  const restoreIndexes = writeTransaction(db, `recreating the indexes of ${names}`, () => createIndexes(db, indexes));
  const applyBatch = writeTransaction(db, `rebuilding ${names}`, (position: number) => {
    for (const share of shares) share.subscriber.applyWithinTransaction(share.events, position);
  });
  let position = 0;
  try {
    for (;;) {
      const target = store.lastPosition();
      if (position >= target) break;
      while (position < target) {
        let read = 0;
        let last = position;
        for (const event of store.readRange(position + 1, target, types, batchSize, metadataOf)) {
          for (const share of shares) if (share.types === undefined || share.types.has(event.type)) share.events.push(event);
          read += 1;
          last = event.position;
        }
        // A short batch reached the target; checkpoints move past events of other types too.
        position = read < batchSize ? target : last;
        applyBatch(position);
        for (const share of shares) {
          share.processed += share.events.length;
          share.events = [];
          options.onProgress?.({ projection: share.subscriber.name, processed: share.processed, position, target });
        }
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    try {
      restoreIndexes();
    } catch (restoreError) {
      // The causes go into the message too: test runners and loggers print an AggregateError's message, not its errors.
      throw new AggregateError([error, restoreError], `rebuilding ${names} failed (${messageOf(error)}), and so did recreating their indexes (${messageOf(restoreError)})`);
    }
    throw error;
  }
  restoreIndexes();
  return position;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rebuilds one projection (see `rebuildProjections`). */
export function rebuildProjection(subscriber: ProjectionSubscriber, store: EventLog, options: RebuildOptions = {}): Promise<number> {
  return rebuildProjections([subscriber], store, options);
}
