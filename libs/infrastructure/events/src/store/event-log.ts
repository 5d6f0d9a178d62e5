import type { AppendOptions, EventStore, StoredEvent, StreamAppend } from '@trader/application';
import type { CommittedAppends } from './append-encoding';

/**
 * What the bus, the lanes and rebuilds need of a store beyond the application's `EventStore` port:
 * notification inside the commit order, and typed range reads. `SqliteEventStore` and `PgEventStore`
 * are the two; one conformance suite (`conformance/`) holds both to the same behaviour.
 */
export interface EventLog extends EventStore {
  appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<CommittedAppends>;
  /**
   * As `appendBatch`, and calls `afterCommit` with the envelopes it committed, synchronously right after
   * the commit and before any other append of this process can commit: listeners see events in position order.
   */
  appendAndNotify(appends: readonly StreamAppend[], options: AppendOptions | undefined, afterCommit: (committed: StoredEvent[]) => void): Promise<CommittedAppends>;
  /**
   * Up to `limit` events between positions `from` and `to` (inclusive), of `types` only when given, in
   * position order; with `metadataOf`, only events of those types get their metadata parsed.
   */
  readRange(from: number, to: number, types: readonly string[] | undefined, limit?: number, metadataOf?: ReadonlySet<string>): Iterable<StoredEvent>;
  /**
   * A reader of long ranges on a thread of its own (a rebuild's pages are read while the previous one
   * is applied), or undefined when the store has none. The caller closes it.
   */
  pagesAhead?(): EventPagesAhead | undefined;
}

/** Pages of the log read ahead, on another thread, for one long sequential read at a time. */
export interface EventPagesAhead {
  /**
   * The events from `from` to `to` (inclusive), of `types` when given, in pages of `pageSize` in position
   * order, decoded as `readRange` decodes them. The last page is shorter than `pageSize` (it may be
   * empty). At most a few pages are read ahead of the one taken: memory stays flat.
   */
  pages(from: number, to: number, types: readonly string[] | undefined, pageSize: number, metadataOf?: ReadonlySet<string>): AsyncIterable<StoredEvent[]>;
  /** Ends the thread. */
  close(): Promise<void>;
}
