import {
  ManualClock,
  orderDecider,
  OrderCommand,
  OrderEvent,
  OrderState,
  PositionCommand,
  PositionEvent,
  PositionState,
  positionDecider,
  RiskCommand,
  RiskEvent,
  RiskLimits,
  riskPolicyDecider,
  RiskState,
  SessionCommand,
  SessionEvent,
  SessionState,
  StrategyCommand,
  strategyDecider,
  StrategyEvent,
  StrategyState,
  tradingSessionDecider,
} from '@trader/domain';
import { DeciderRepository } from '../event-sourcing/decider-repository';
import { ORDER_AGGREGATE } from '../orders/order-repository';
import { POSITION_AGGREGATE } from '../positions/position-repository';
import { STRATEGY_AGGREGATE } from '../strategies/strategy-repository';
import { RISK_AGGREGATE, RISK_ID, SESSION_AGGREGATE, SESSION_ID } from '../trading/trading-repositories';
import { InMemoryEventStore } from './in-memory-event-store';

export interface InMemoryRepositories {
  readonly clock: ManualClock;
  readonly store: InMemoryEventStore;
  readonly orders: DeciderRepository<OrderCommand, OrderEvent, OrderState>;
  readonly positions: DeciderRepository<PositionCommand, PositionEvent, PositionState>;
  readonly session: DeciderRepository<SessionCommand, SessionEvent, SessionState>;
  readonly risk: DeciderRepository<RiskCommand, RiskEvent, RiskState>;
  readonly strategies: DeciderRepository<StrategyCommand, StrategyEvent, StrategyState>;
  /** Starts the session trading under generous limits (or the given ones). */
  startTrading(limits?: Partial<RiskLimits>): Promise<void>;
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
  const session = new DeciderRepository({ ...common, aggregateType: SESSION_AGGREGATE, decider: tradingSessionDecider });
  const risk = new DeciderRepository({ ...common, aggregateType: RISK_AGGREGATE, decider: riskPolicyDecider });
  return {
    clock,
    store,
    ids,
    orders: new DeciderRepository({ ...common, aggregateType: ORDER_AGGREGATE, decider: orderDecider, appendOptions: { durability: 'full' } }),
    positions: new DeciderRepository({ ...common, aggregateType: POSITION_AGGREGATE, decider: positionDecider }),
    session,
    risk,
    strategies: new DeciderRepository({ ...common, aggregateType: STRATEGY_AGGREGATE, decider: strategyDecider }),
    startTrading: async (limits = {}) => {
      const at = clock.now();
      const all: RiskLimits = {
        quoteCurrency: 'KRW',
        maxNotionalPerOrder: '10000000',
        maxPositionPerMarket: '50000000',
        maxOpenOrders: 10,
        orderRate: { maxOrders: 100, perMs: 1_000 },
        maxDailyLoss: '1000000',
        maxDrawdownPercent: '50',
        ...limits,
      };
      await risk.handle(RISK_ID, { type: 'ConfigureRiskLimits', data: { limits: all, at } });
      await session.handle(SESSION_ID, { type: 'StartTrading', data: { at } });
    },
    types: (streamId) => [...store.readStream(streamId)].map((e) => e.type),
  };
}
