import type { Decider, DomainEvent } from '@trader/domain';
import { AppendOptions } from '../ports/append-result';
import { EventStore } from '../ports/event-store.port';
import { SnapshotStore } from './snapshot-store.port';

/** Snapshot policy of one aggregate type: a snapshot every `every` events. */
export interface SnapshotPolicy<State> {
  readonly store: SnapshotStore;
  readonly every: number;
  /** Bump it when the state's shape changes: snapshots of another version are ignored and replaced. */
  readonly schemaVersion: number;
  /** State to JSON data; default identity (the state must then be plain JSON data). */
  readonly toJson?: (state: State) => unknown;
  readonly fromJson?: (json: unknown) => State;
}

export interface DeciderRepositoryOptions<Command, Event extends DomainEvent, State> {
  /** Prefix of stream ids: aggregate `id` lives in stream `${aggregateType}-${id}`. */
  readonly aggregateType: string;
  readonly decider: Decider<Command, Event, State>;
  /** The store to write through: pass the publishing store so events are dispatched after commit. */
  readonly store: EventStore;
  readonly snapshots?: SnapshotPolicy<State>;
  /** How every append of this aggregate type is made durable (orders and fills need `full`). */
  readonly appendOptions?: AppendOptions;
  /** Epoch ms source for snapshot timestamps. */
  readonly now: () => number;
  /** Ids of events not tied to a command id. */
  readonly newEventId: () => string;
  /**
   * Keep the state last loaded or saved of the most recently used streams and fold only the events
   * stored after it: a load then reads no snapshot and few events. Only for a store no other process
   * writes (a backtest's own store); the deciders' states are immutable values, so sharing one is safe.
   */
  readonly cacheStates?: boolean;
}
