import { AppendOptions, AppendResult } from '../ports/append-result';
import { StoredEvent } from '../ports/event-envelope';
import { EventStore, StreamAppend } from '../ports/event-store.port';

/**
 * An event store that hands over the envelopes an append committed, synchronously after the commit and
 * before another append can commit (the SQLite store's `appendAndNotify`, which the live trader's lanes
 * are fed from). A backtest on one routes those envelopes instead of reading back what it just wrote.
 */
export interface NotifyingEventStore extends EventStore {
  appendAndNotify(
    appends: readonly StreamAppend[],
    options: AppendOptions | undefined,
    afterCommit: (committed: StoredEvent[]) => void,
  ): Promise<{ readonly results: readonly AppendResult[] }>;
}

export function isNotifying(store: EventStore): store is NotifyingEventStore {
  return typeof (store as Partial<NotifyingEventStore>).appendAndNotify === 'function';
}
