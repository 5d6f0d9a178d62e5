import { DomainEvent } from '@trader/domain';
import { EventMetadata } from './event-envelope';
import type { StreamAppend } from './event-store.port';
import { ExpectedVersion } from './expected-version';

/** A decider's state as loaded from its stream, with the version to pass back on save. */
export interface LoadedAggregate<State> {
  readonly id: string;
  readonly state: State;
  readonly version: number;
}

/**
 * Metadata of the command being handled. `commandId` makes a retried command idempotent: the ids of
 * the events it produces are derived from it, so storing them twice is a no-op. `actor` records who
 * gave an operator command.
 */
export type CommandContext = Pick<EventMetadata, 'commandId' | 'correlationId' | 'causationId' | 'sourceTimestamps' | 'actor'>;

/** What a save stored. `duplicate` is true when every event was already stored (a replayed command). */
export interface SavedEvents {
  readonly id: string;
  readonly version: number;
  /** Global position of the last stored event, or of the stored copy when the save was a replay. */
  readonly lastPosition: number;
  readonly duplicate: boolean;
}

export interface HandledCommand<State, Event = DomainEvent> extends SavedEvents {
  /** The state after the command's events (the loaded state when the save was a replay). */
  readonly state: State;
  /** The events the command produced and stored (none when it changed nothing or was a replay). */
  readonly events: readonly Event[];
}

/**
 * Loads a decider-style aggregate by folding its stream (from a snapshot when one is configured) and
 * saves the events its `decide` returned, with optimistic concurrency.
 */
export interface AggregateRepository<Command, Event extends DomainEvent, State> {
  load(id: string): Promise<LoadedAggregate<State>>;
  save(id: string, events: readonly Event[], expectedVersion: ExpectedVersion, context?: CommandContext): Promise<SavedEvents>;
  /**
   * The stream part `save` would append (event ids derived from the context's command id), for a
   * handler that commits several aggregates in one transaction with `EventStore.appendBatch`.
   */
  prepare(id: string, events: readonly Event[], expectedVersion: ExpectedVersion, context?: CommandContext): StreamAppend;
  /** What `save` does once its events are stored: a snapshot when one is due. */
  afterSave(id: string, versionBefore: number, versionAfter: number, state: State): Promise<void>;
  /** load, decide, save: the whole body of a thin command handler. */
  handle(id: string, command: Command, context?: CommandContext): Promise<HandledCommand<State, Event>>;
}
