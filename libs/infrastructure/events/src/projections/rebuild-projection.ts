import type { StoredEvent } from '@trader/application';
import type { SqlDatabase } from '../database/sql-database';
import { yieldToEventLoop } from '../bus/wait';
import { writeTransaction } from '../database/write-transaction';
import type { EventLog, EventPagesAhead } from '../store/event-log';
import { PageReaderError } from '../store/event-store.errors';
import { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';
import { RebuildConnectionsError } from './rebuild.errors';
import { createIndexes, dropIndexes, secondaryIndexes } from './secondary-indexes';

/** How a rebuild reads: batch size, and when to read on the store's page-reader thread. */
export interface RebuildTuning {
  /**
   * Events read per batch (a batch is one transaction for all the projections). Default 1000: larger
   * batches measured slower (their events outlive V8's young generation), smaller ones commit more often.
   */
  readonly batchSize?: number;
  /**
   * A range at least this many positions long is read by the store's page reader on a thread of its
   * own, when it has one (`EventLog.pagesAhead`): the next batch is read while this one is applied.
   * Default 20,000: below that, starting the thread (about 30 ms) costs more than it saves. 0: always;
   * Infinity: never.
   */
  readonly readAheadFrom?: number;
  /**
   * Events read on this thread while the page reader's thread starts (about 30 ms here, 6 or 7 batches'
   * worth), its first read asked for from just past them. Default 5 batches, at most half the range; 0
   * waits for the thread's first page instead.
   */
  readonly inlineHead?: number;
}

export interface RebuildOptions extends RebuildTuning {
  /** Called after each batch, once per projection. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /**
   * Called once if the page reader's thread fails: the rebuild goes on reading inline from `position`
   * (slower, and a sign of trouble worth a log line: its memory limit, a query it could not run).
   */
  readonly onReadAheadFailed?: (failure: { readonly position: number; readonly error: PageReaderError }) => void;
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
 * event loop: a batch is synchronous, a whole rebuild would block timers and sockets. A long log is
 * read ahead on the store's page-reader thread, when it has one; its first batches are read here while
 * that thread starts (`inlineHead`).
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
  const readAheadFrom = options.readAheadFrom ?? 20_000;
  // Started before the reset, so that its thread's start overlaps with it.
  let ahead: EventPagesAhead | undefined = store.lastPosition() >= readAheadFrom ? store.pagesAhead?.() : undefined;
  try {
    writeTransaction(db, `resetting ${names} for a rebuild`, () => {
      for (const share of shares) share.subscriber.resetWithinTransaction();
      dropIndexes(db, indexes);
    })();
  } catch (error) {
    await ahead?.close();
    throw error;
  }
  const restoreIndexes = writeTransaction(db, `recreating the indexes of ${names}`, () => createIndexes(db, indexes));
  const applyBatch = writeTransaction(db, `rebuilding ${names}`, (position: number) => {
    for (const share of shares) share.subscriber.applyWithinTransaction(share.events, position);
  });
  let position = 0;
  let readAheadFailed = false;
  const inlineHead = options.inlineHead ?? 5 * batchSize;
  let headTaken = false;
  // The projections taking each type, found once per type: one lookup per event instead of one per projection.
  const sharesOf = new Map<string, Share[]>();
  /** Hands each projection its share of one batch read up to `end` and commits it with their checkpoints. */
  const take = (events: Iterable<StoredEvent>, end: number, target: number): void => {
    let read = 0;
    let last = position;
    for (const event of events) {
      let takers = sharesOf.get(event.type);
      if (takers === undefined) {
        takers = shares.filter((share) => share.types === undefined || share.types.has(event.type));
        sharesOf.set(event.type, takers);
      }
      for (const share of takers) share.events.push(event);
      read += 1;
      last = event.position;
    }
    // A short batch reached the end of its range; checkpoints move past events of other types too.
    position = read < batchSize ? end : last;
    applyBatch(position);
    for (const share of shares) {
      share.processed += share.events.length;
      share.events = [];
      options.onProgress?.({ projection: share.subscriber.name, processed: share.processed, position, target });
    }
  };
  try {
    for (;;) {
      const target = store.lastPosition();
      if (position >= target) break;
      if (target - position >= readAheadFrom && !readAheadFailed) ahead ??= store.pagesAhead?.();
      if (ahead && !readAheadFailed && target - position >= readAheadFrom) {
        // Only the first read waits for the thread to start.
        const headEnd = position + (headTaken ? 0 : Math.min(inlineHead, Math.floor((target - position) / 2)));
        headTaken = true;
        const pages = ahead.pages(headEnd + 1, target, types, batchSize, metadataOf)[Symbol.asyncIterator]();
        // Asked for now: the thread reads on from the head while this thread reads the head.
        const first = pages.next();
        // Awaited after the head; until then a rejection must not count as unhandled.
        void first.catch(() => undefined);
        while (position < headEnd) {
          take(store.readRange(position + 1, headEnd, types, batchSize, metadataOf), headEnd, target);
          await yieldToEventLoop();
        }
        try {
          for await (const events of resumed(pages, first)) {
            take(events, target, target);
            await yieldToEventLoop();
          }
        } catch (error) {
          // The reader thread failed (its memory limit, its query): what it gave is applied, the rest is
          // read inline, where a real fault of the file shows again as the row reader's own error.
          if (!(error instanceof PageReaderError)) throw error;
          readAheadFailed = true;
          options.onReadAheadFailed?.({ position, error });
        }
        continue;
      }
      while (position < target) {
        take(store.readRange(position + 1, target, types, batchSize, metadataOf), target, target);
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    await ahead?.close();
    try {
      restoreIndexes();
    } catch (restoreError) {
      // The causes go into the message too: test runners and loggers print an AggregateError's message, not its errors.
      throw new AggregateError([error, restoreError], `rebuilding ${names} failed (${messageOf(error)}), and so did recreating their indexes (${messageOf(restoreError)})`);
    }
    throw error;
  }
  // The thread ends (a few ms) while this one builds the indexes.
  const closing = ahead?.close();
  try {
    restoreIndexes();
  } finally {
    await closing;
  }
  return position;
}

/** The pages of `iterator` from its pending `first`; returning ends the iterator too (as `for await` over it would). */
async function* resumed<T>(iterator: AsyncIterator<T>, first: Promise<IteratorResult<T>>): AsyncGenerator<T> {
  let done = false;
  try {
    for (let result = await first; !result.done; result = await iterator.next()) yield result.value;
    done = true;
  } finally {
    if (!done) await iterator.return?.();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rebuilds one projection (see `rebuildProjections`). */
export function rebuildProjection(subscriber: ProjectionSubscriber, store: EventLog, options: RebuildOptions = {}): Promise<number> {
  return rebuildProjections([subscriber], store, options);
}
