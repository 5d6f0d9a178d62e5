import {
  DeciderRepository,
  EVENT_STORE,
  ORDER_AGGREGATE,
  ORDER_REPOSITORY,
  POSITION_AGGREGATE,
  POSITION_REPOSITORY,
  RISK_AGGREGATE,
  RISK_REPOSITORY,
  SESSION_AGGREGATE,
  SESSION_REPOSITORY,
  STRATEGY_AGGREGATE,
  STRATEGY_REPOSITORY,
} from '@trader/application';
import type { AppendOptions, EventStore, SnapshotPolicy, SnapshotStore } from '@trader/application';
import { EventStoreRuntime } from '@trader/events';
import { orderDecider, positionDecider, riskPolicyDecider, strategyDecider, tradingSessionDecider } from '@trader/domain';
import type { Clock, Decider, DomainEvent } from '@trader/domain';
import { CLOCK } from '@trader/runtime';
import { Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { riskSnapshots, sessionSnapshots } from './snapshot-policies';
import { ORDER_EVENT_STORE } from './trading.tokens';

function repository<C, E extends DomainEvent, S>(
  token: symbol,
  aggregateType: string,
  decider: Decider<C, E, S>,
  options: { appendOptions?: AppendOptions; snapshots?: (store: SnapshotStore) => SnapshotPolicy<S>; store?: symbol } = {},
): Provider {
  return {
    provide: token,
    inject: [options.store ?? EVENT_STORE, CLOCK, EventStoreRuntime],
    useFactory: (store: EventStore, clock: Clock, runtime: EventStoreRuntime) =>
      new DeciderRepository({
        aggregateType,
        decider,
        store,
        now: () => clock.now(),
        newEventId: randomUUID,
        ...(options.appendOptions ? { appendOptions: options.appendOptions } : {}),
        ...(options.snapshots ? { snapshots: options.snapshots(runtime.snapshots) } : {}),
      }),
  };
}

/**
 * One repository per aggregate, all writing through the publishing event store. Orders are appended
 * with full durability: an order and its fills must survive a power loss, not only a crash. Orders
 * write through ORDER_EVENT_STORE, where paper-mode tests may inject faults (`TRADER_FAULTS`).
 */
export const repositoryProviders: Provider[] = [
  repository(ORDER_REPOSITORY, ORDER_AGGREGATE, orderDecider, { appendOptions: { durability: 'full' }, store: ORDER_EVENT_STORE }),
  repository(POSITION_REPOSITORY, POSITION_AGGREGATE, positionDecider),
  repository(SESSION_REPOSITORY, SESSION_AGGREGATE, tradingSessionDecider, { snapshots: sessionSnapshots }),
  repository(RISK_REPOSITORY, RISK_AGGREGATE, riskPolicyDecider, { snapshots: riskSnapshots }),
  repository(STRATEGY_REPOSITORY, STRATEGY_AGGREGATE, strategyDecider),
];
