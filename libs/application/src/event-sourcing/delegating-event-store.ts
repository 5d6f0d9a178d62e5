import { AppendOptions, AppendResult } from '../ports/append-result';
import { NewEvent, StoredEvent } from '../ports/event-envelope';
import { EventStoreStats } from '../ports/event-store-stats';
import { EventStore, StreamAppend } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';

/**
 * An event store that hands every call to another: the base of decorators that change only how
 * appends go (an injected fault, a test's interleaving), so each overrides just that.
 */
export class DelegatingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.inner.append(streamId, expectedVersion, events, options);
  }

  appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }> {
    return this.inner.appendBatch(appends, options);
  }

  readStream(streamId: string, fromVersion?: number, limit?: number): Iterable<StoredEvent> {
    return this.inner.readStream(streamId, fromVersion, limit);
  }

  readAll(fromPosition?: number, limit?: number): Iterable<StoredEvent> {
    return this.inner.readAll(fromPosition, limit);
  }

  readByCorrelation(correlationId: string, fromPosition?: number): Iterable<StoredEvent> {
    return this.inner.readByCorrelation(correlationId, fromPosition);
  }

  streamVersion(streamId: string): number {
    return this.inner.streamVersion(streamId);
  }

  lastPosition(): number {
    return this.inner.lastPosition();
  }

  stats(): EventStoreStats {
    return this.inner.stats();
  }
}
