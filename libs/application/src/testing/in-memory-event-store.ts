import { AppendOptions, AppendResult } from '../ports/append-result';
import { NewEvent, StoredEvent } from '../ports/event-envelope';
import { EventStoreStats } from '../ports/event-store-stats';
import { ConcurrencyError } from '../ports/event-store.errors';
import { EventStore } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';
import type { StreamAppend } from '../ports/event-store.port';

/**
 * The EventStore contract held in memory, for application tests (sagas, handlers) that must not
 * depend on infrastructure. Same rules as the SQLite store: optimistic concurrency, idempotent event
 * ids, one append is all or nothing, gap-free positions.
 */
export class InMemoryEventStore implements EventStore {
  private readonly events: StoredEvent[] = [];
  private readonly byId = new Map<string, StoredEvent>();
  private readonly listeners: Array<(events: readonly StoredEvent[]) => void> = [];

  constructor(private readonly now: () => number = () => 0) {}

  private readonly faults: { matches: (streamId: string, events: readonly NewEvent[]) => boolean; error: Error }[] = [];

  /**
   * Injects a fault: the next append whose stream and events match fails with `error` and stores
   * nothing (a full lane, a disk error), as the real store can.
   */
  failNextAppend(matches: (streamId: string, events: readonly NewEvent[]) => boolean, error: Error): void {
    this.faults.push({ matches, error });
  }

  async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const { results } = await this.appendBatch([{ streamId, expectedVersion, events }], options);
    return results[0] as AppendResult;
  }

  async appendBatch(appends: readonly StreamAppend[], _options?: AppendOptions): Promise<{ readonly results: AppendResult[] }> {
    for (const { streamId, events } of appends) {
      const fault = this.faults.findIndex((f) => f.matches(streamId, events));
      if (fault >= 0) throw this.faults.splice(fault, 1)[0]?.error;
    }
    // All or nothing: every part's expected version is checked before anything is stored.
    for (const { streamId, expectedVersion, events } of appends) {
      if (events.length > 0 && events.every((e) => this.byId.has(e.eventId))) continue;
      const current = this.streamVersion(streamId);
      const expected = expectedVersion === 'no_stream' ? 0 : expectedVersion;
      if (expected !== 'any' && expected !== current) throw new ConcurrencyError(streamId, expectedVersion, current);
    }
    return { results: appends.map(({ streamId, expectedVersion, events }) => this.appendOne(streamId, expectedVersion, events)) };
  }

  /** As `appendBatch`, and hands `afterCommit` the envelopes it stored, as the SQLite store's `appendAndNotify` does. */
  async appendAndNotify(
    appends: readonly StreamAppend[],
    options: AppendOptions | undefined,
    afterCommit: (committed: StoredEvent[]) => void,
  ): Promise<{ readonly results: AppendResult[] }> {
    const committed: StoredEvent[] = [];
    const collect = (events: readonly StoredEvent[]): void => {
      committed.push(...events);
    };
    this.listeners.push(collect);
    try {
      const outcome = await this.appendBatch(appends, options);
      if (committed.length > 0) afterCommit(committed);
      return outcome;
    } finally {
      this.listeners.splice(this.listeners.indexOf(collect), 1);
    }
  }

  private appendOne(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[]): AppendResult {
    const current = this.streamVersion(streamId);
    const fresh = events.filter((e) => !this.byId.has(e.eventId));
    if (events.length > 0 && fresh.length === 0) {
      const last = this.byId.get((events.at(-1) as NewEvent).eventId) as StoredEvent;
      return { streamId, nextExpectedVersion: current, lastPosition: last.position, appended: 0, duplicate: true };
    }
    const expected = expectedVersion === 'no_stream' ? 0 : expectedVersion;
    if (expected !== 'any' && expected !== current) throw new ConcurrencyError(streamId, expectedVersion, current);
    const recordedAt = this.now();
    const stored = fresh.map(
      (event, index): StoredEvent => ({
        position: this.events.length + index + 1,
        streamId,
        streamVersion: current + index + 1,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: structuredClone(event.data),
        metadata: { ...event.metadata, recordedAt },
      }),
    );
    for (const event of stored) {
      this.events.push(event);
      this.byId.set(event.eventId, event);
    }
    for (const listener of this.listeners) listener(stored);
    return {
      streamId,
      nextExpectedVersion: current + stored.length,
      lastPosition: this.events.length,
      appended: stored.length,
      duplicate: false,
    };
  }

  readStream(streamId: string, fromVersion = 1, limit = Number.MAX_SAFE_INTEGER): Iterable<StoredEvent> {
    // As the stores do: a limit of 0 or less reads nothing (a negative end would cut from the back).
    return this.events.filter((e) => e.streamId === streamId && e.streamVersion >= fromVersion).slice(0, Math.max(0, limit));
  }

  readAll(fromPosition = 1, limit = Number.MAX_SAFE_INTEGER): Iterable<StoredEvent> {
    return this.events.slice(Math.max(0, fromPosition - 1), Math.max(0, fromPosition - 1) + limit);
  }

  readByCorrelation(correlationId: string, fromPosition = 1): Iterable<StoredEvent> {
    return this.events.filter((e) => e.position >= fromPosition && e.metadata.correlationId === correlationId);
  }

  streamVersion(streamId: string): number {
    let version = 0;
    for (const event of this.events) if (event.streamId === streamId) version = event.streamVersion;
    return version;
  }

  lastPosition(): number {
    return this.events.length;
  }

  stats(): EventStoreStats {
    return {
      events: this.events.length,
      streams: new Set(this.events.map((e) => e.streamId)).size,
      lastPosition: this.events.length,
      databaseBytes: 0,
    };
  }

  /** Calls `listener` with the events of every append, after they are stored. */
  onAppended(listener: (events: readonly StoredEvent[]) => void): void {
    this.listeners.push(listener);
  }

  /** Every stored event, oldest first: what tests assert on. */
  all(): readonly StoredEvent[] {
    return this.events;
  }
}
