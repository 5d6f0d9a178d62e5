import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreStats,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
  StreamAppend,
} from '@trader/application';
import { performance } from 'node:perf_hooks';
import type { EventLog } from '../store/event-log';
import { LaneDispatcher } from './lane-dispatcher';

/** Hands committed events on, in position order; the Nest module routes them through the EventBus. */
export type CommittedEventSink = (committed: StoredEvent[]) => void;

/** One finished append, as an observer sees it (metrics, traces): never the payloads. */
export interface ObservedAppend {
  readonly streamIds: readonly string[];
  readonly events: number;
  /** `performance.now()` when the append began and how long it took, lane reservation and commit included. */
  readonly startedAt: number;
  readonly durationMs: number;
  /** The correlation id of the first event, when it has one. */
  readonly correlationId: string | undefined;
  /** The error's name when the append failed (concurrency, back-pressure, ...). */
  readonly failure: string | undefined;
}

export type AppendObserver = (append: ObservedAppend) => void;

/**
 * The `EventStore` the application writes through: it reserves room in the lanes that will receive
 * the events (refusing with `BackpressureError` before anything is written), appends, and hands the
 * committed events on only after the commit, so nothing is ever published that is not stored.
 */
export class PublishingEventStore implements EventStore {
  private sink: CommittedEventSink;
  private readonly observers: AppendObserver[] = [];

  constructor(
    private readonly store: EventLog,
    private readonly dispatcher: LaneDispatcher,
  ) {
    this.sink = (committed) => dispatcher.deliver(committed);
    dispatcher.useFailureAppender((streamId, events, options) => this.appendWithoutBackpressure(streamId, events, options));
  }

  /** Replaces the default sink (straight into the lanes), e.g. by the Nest EventBus publisher. */
  publishThrough(sink: CommittedEventSink): void {
    this.sink = sink;
  }

  /**
   * Calls `observer` (which must not throw) after every append of the application (not the bus's own failure records), in the
   * caller's async context, so a tracer sees the span that was active around the append.
   */
  observeAppends(observer: AppendObserver): void {
    this.observers.push(observer);
  }

  async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.observed([streamId], events, () => this.appendOne(streamId, expectedVersion, events, options));
  }

  private async appendOne(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const release = this.dispatcher.reserve(events);
    let released = false;
    const releaseOnce = (): void => {
      if (!released) release();
      released = true;
    };
    try {
      const { results } = await this.store.appendAndNotify([{ streamId, expectedVersion, events }], options, (committed) => {
        releaseOnce();
        this.sink(committed);
      });
      return results[0];
    } finally {
      releaseOnce();
    }
  }

  /** Several streams in one transaction; room is reserved in the lanes for all of their events first. */
  async appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: AppendResult[] }> {
    return this.observed(
      appends.map((part) => part.streamId),
      appends.flatMap((part) => part.events),
      () => this.appendParts(appends, options),
    );
  }

  private async appendParts(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: AppendResult[] }> {
    const release = this.dispatcher.reserve(appends.flatMap((part) => part.events));
    let released = false;
    const releaseOnce = (): void => {
      if (!released) release();
      released = true;
    };
    try {
      const { results } = await this.store.appendAndNotify(appends, options, (committed) => {
        releaseOnce();
        this.sink(committed);
      });
      return { results };
    } finally {
      releaseOnce();
    }
  }

  private async observed<T>(streamIds: readonly string[], events: readonly NewEvent[], append: () => Promise<T>): Promise<T> {
    if (this.observers.length === 0) return append();
    const startedAt = performance.now();
    let failure: string | undefined;
    try {
      return await append();
    } catch (error) {
      failure = error instanceof Error ? error.name : 'Error';
      throw error;
    } finally {
      const observation: ObservedAppend = {
        streamIds,
        events: events.length,
        startedAt,
        durationMs: performance.now() - startedAt,
        correlationId: events[0]?.metadata?.correlationId,
        failure,
      };
      for (const observer of this.observers) observer(observation);
    }
  }

  /** For the bus's own `HandlerFailed` events: a full lane must not hide a failure. */
  async appendWithoutBackpressure(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const { results } = await this.store.appendAndNotify([{ streamId, expectedVersion: 'any', events }], options, (committed) =>
      this.sink(committed),
    );
    return results[0];
  }

  readStream(streamId: string, fromVersion?: number, limit?: number): Iterable<StoredEvent> {
    return this.store.readStream(streamId, fromVersion, limit);
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
