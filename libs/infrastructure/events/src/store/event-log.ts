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
}
