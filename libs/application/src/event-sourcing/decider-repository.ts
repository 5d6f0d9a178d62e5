import type { DomainEvent } from '@trader/domain';
import { AggregateRepository, CommandContext, HandledCommand, LoadedAggregate, SavedEvents } from '../ports/aggregate-repository.port';
import { EventMetadata, NewEvent } from '../ports/event-envelope';
import { EventStore, StreamAppend } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';
import { DeciderRepositoryOptions } from './decider-repository.options';

/**
 * Loads a decider's state by folding its stream (starting from a snapshot when the aggregate type has
 * a snapshot policy) and saves the events `decide` returns with optimistic concurrency. Events are
 * published by the store only after they commit; this class never publishes anything itself.
 */
/** Streams whose state `cacheStates` keeps: the session, the risk policy and the orders in flight, not every order ever placed. */
const CACHED_STREAMS = 256;

export class DeciderRepository<Command, Event extends DomainEvent, State> implements AggregateRepository<Command, Event, State> {
  private readonly store: EventStore;
  private readonly cache: Map<string, { state: State; version: number }> | null;

  constructor(private readonly options: DeciderRepositoryOptions<Command, Event, State>) {
    this.store = options.store;
    this.cache = options.cacheStates ? new Map() : null;
    if (options.snapshots && (!Number.isInteger(options.snapshots.every) || options.snapshots.every < 1)) {
      throw new RangeError(`Snapshot interval of ${options.aggregateType} must be an integer >= 1, got ${options.snapshots.every}`);
    }
  }

  streamId(id: string): string {
    return `${this.options.aggregateType}-${id}`;
  }

  async load(id: string): Promise<LoadedAggregate<State>> {
    const { decider } = this.options;
    const streamId = this.streamId(id);
    let { state, version } = this.cache?.get(streamId) ?? this.fromSnapshot(streamId) ?? { state: decider.initialState(), version: 0 };
    for (const event of this.store.readStream(streamId, version + 1)) {
      state = decider.evolve(state, { type: event.type, data: event.data } as Event);
      version = event.streamVersion;
    }
    this.remember(streamId, state, version);
    return { id, state, version };
  }

  prepare(id: string, events: readonly Event[], expectedVersion: ExpectedVersion, context: CommandContext = {}): StreamAppend {
    const metadata: EventMetadata = { ...context };
    const newEvents: NewEvent[] = events.map((event, index) => ({
      // A command id makes the event ids deterministic, so a retried command stores nothing twice.
      eventId: context.commandId ? `${context.commandId}/${index}` : this.options.newEventId(),
      type: event.type,
      data: event.data,
      metadata,
    }));
    return { streamId: this.streamId(id), expectedVersion, events: newEvents };
  }

  async save(id: string, events: readonly Event[], expectedVersion: ExpectedVersion, context: CommandContext = {}): Promise<SavedEvents> {
    const part = this.prepare(id, events, expectedVersion, context);
    const result = await this.store.append(part.streamId, part.expectedVersion, part.events, this.options.appendOptions);
    return { id, version: result.nextExpectedVersion, lastPosition: result.lastPosition, duplicate: result.duplicate };
  }

  afterSave(id: string, versionBefore: number, versionAfter: number, state: State): Promise<void> {
    this.remember(this.streamId(id), state, versionAfter);
    return this.maybeSnapshot(id, versionBefore, versionAfter, state);
  }

  async handle(id: string, command: Command, context: CommandContext = {}): Promise<HandledCommand<State, Event>> {
    const { decider } = this.options;
    const loaded = await this.load(id);
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) return { id, version: loaded.version, lastPosition: 0, duplicate: false, state: loaded.state, events };
    const saved = await this.save(id, events, loaded.version, context);
    if (saved.duplicate) return { ...saved, state: loaded.state, events: [] };
    const state = events.reduce((s, e) => decider.evolve(s, e), loaded.state);
    this.remember(this.streamId(id), state, saved.version);
    await this.maybeSnapshot(id, loaded.version, saved.version, state);
    return { ...saved, state, events };
  }

  private remember(streamId: string, state: State, version: number): void {
    const cache = this.cache;
    if (!cache) return;
    // Re-inserted on every use, so the first key is the least recently used one.
    cache.delete(streamId);
    cache.set(streamId, { state, version });
    if (cache.size > CACHED_STREAMS) cache.delete(cache.keys().next().value as string);
  }

  private fromSnapshot(streamId: string): { state: State; version: number } | undefined {
    const policy = this.options.snapshots;
    if (!policy) return undefined;
    const snapshot = policy.store.load(streamId);
    if (!snapshot || snapshot.schemaVersion !== policy.schemaVersion) return undefined;
    const json: unknown = JSON.parse(snapshot.state);
    return { state: policy.fromJson ? policy.fromJson(json) : (json as State), version: snapshot.streamVersion };
  }

  private async maybeSnapshot(id: string, before: number, after: number, state: State): Promise<void> {
    const policy = this.options.snapshots;
    if (!policy || Math.floor(before / policy.every) === Math.floor(after / policy.every)) return;
    await policy.store.save({
      streamId: this.streamId(id),
      aggregateType: this.options.aggregateType,
      streamVersion: after,
      schemaVersion: policy.schemaVersion,
      state: JSON.stringify(policy.toJson ? policy.toJson(state) : state),
      takenAt: this.options.now(),
    });
  }
}
