import { ManualClock, orderDecider, OrderCommand, OrderEvent, OrderState, PositionCommand, PositionEvent, PositionState, positionDecider } from '@trader/domain';
import { DeciderRepository } from '../event-sourcing/decider-repository';
import { ORDER_AGGREGATE } from '../orders/order-repository';
import { POSITION_AGGREGATE } from '../positions/position-repository';
import { InMemoryEventStore } from './in-memory-event-store';

export interface InMemoryRepositories {
  readonly clock: ManualClock;
  readonly store: InMemoryEventStore;
  readonly orders: DeciderRepository<OrderCommand, OrderEvent, OrderState>;
  readonly positions: DeciderRepository<PositionCommand, PositionEvent, PositionState>;
  readonly ids: { next(): string };
  /** Event types of one stream, oldest first. */
  types(streamId: string): string[];
}

/** The order and position repositories over one in-memory store, with a manual clock: the application tests' world. */
export function inMemoryRepositories(startAt = 1_700_000_000_000): InMemoryRepositories {
  const clock = new ManualClock(startAt);
  const store = new InMemoryEventStore(() => clock.now());
  let counter = 0;
  const ids = { next: (): string => `id-${(counter += 1)}` };
  const common = { store, now: () => clock.now(), newEventId: ids.next };
  return {
    clock,
    store,
    ids,
    orders: new DeciderRepository({ ...common, aggregateType: ORDER_AGGREGATE, decider: orderDecider, appendOptions: { durability: 'full' } }),
    positions: new DeciderRepository({ ...common, aggregateType: POSITION_AGGREGATE, decider: positionDecider }),
    types: (streamId) => [...store.readStream(streamId)].map((e) => e.type),
  };
}
