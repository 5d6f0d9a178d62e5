import { AppendOptions, AppendResult } from './append-result';
import { NewEvent, StoredEvent } from './event-envelope';
import { EventStoreStats } from './event-store-stats';
import { ExpectedVersion } from './expected-version';

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

/**
 * The append-only event store as the application sees it. One call to `append` is one transaction:
 * all of its events are stored, or none. Readers are lazy (paged) iterables, so reading millions of
 * events keeps memory flat; events come back upcast to the current schema version of their type.
 */
export interface EventStore {
  /**
   * Appends `events` to `streamId` if the stream is at `expectedVersion`.
   * Rejects with `ConcurrencyError` (nothing written) when it is not, and with `BackpressureError`
   * when the handlers that would receive the events are full.
   */
  append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction: every part is stored, or none (a `ConcurrencyError`
   * on any part writes nothing). Results come back in the order of `appends`.
   */
  appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }>;
  /**
   * Events of one stream with `streamVersion >= fromVersion` (default 1), oldest first, at most `limit`
   * of them: a caller after the first event asks for one, and the store reads one row, not the stream.
   */
  readStream(streamId: string, fromVersion?: number, limit?: number): Iterable<StoredEvent>;
  /** Events of all streams with `position >= fromPosition` (default 1), at most `limit` of them. */
  readAll(fromPosition?: number, limit?: number): Iterable<StoredEvent>;
  /** Events whose metadata carries `correlationId`, with `position >= fromPosition`, oldest first: an index lookup, never a scan. */
  readByCorrelation(correlationId: string, fromPosition?: number): Iterable<StoredEvent>;
  /** Current version of a stream, 0 when it has no event. */
  streamVersion(streamId: string): number;
  /** Position of the last committed event, 0 when the store is empty. Cheap: no scan, unlike `stats()`. */
  lastPosition(): number;
  /** Counts over the whole store (streams are counted with a scan): for the admin API, not for hot paths. */
  stats(): EventStoreStats;
}

/** DI token under which the infrastructure provides the `EventStore`. */
export const EVENT_STORE = Symbol('EVENT_STORE');
