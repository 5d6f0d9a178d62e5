import { AppendOptions, AppendResult } from '../ports/append-result';
import { NewEvent, StoredEvent } from '../ports/event-envelope';
import { EventStoreStats } from '../ports/event-store-stats';
import { EventStore, StreamAppend } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';

/**
 * An event store seen by one writer, in front of the real one, that lets a test slip another writer's
 * command in between this writer's load and its append: the race of the private stream's recorder with
 * the cancellation saga on one order stream, made deterministic. The other writer must write to the
 * underlying store, not through this one.
 */
export class InterleavedEventStore implements EventStore {
  private readonly pending: Array<() => Promise<unknown>> = [];

  constructor(private readonly store: EventStore) {}

  /** Runs `step` right before this writer's next append (once). */
  beforeNextAppend(step: () => Promise<unknown>): void {
    this.pending.push(step);
  }

  async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const step = this.pending.shift();
    if (step) await step();
    return this.store.append(streamId, expectedVersion, events, options);
  }

  async appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }> {
    const step = this.pending.shift();
    if (step) await step();
    return this.store.appendBatch(appends, options);
  }

  readStream(streamId: string, fromVersion?: number): Iterable<StoredEvent> {
    return this.store.readStream(streamId, fromVersion);
  }

  readAll(fromPosition?: number, limit?: number): Iterable<StoredEvent> {
    return this.store.readAll(fromPosition, limit);
  }

  readByCorrelation(correlationId: string, fromPosition?: number): Iterable<StoredEvent> {
    return this.store.readByCorrelation(correlationId, fromPosition);
  }

  streamVersion(streamId: string): number {
    return this.store.streamVersion(streamId);
  }

  lastPosition(): number {
    return this.store.lastPosition();
  }

  stats(): EventStoreStats {
    return this.store.stats();
  }
}
