import fc from 'fast-check';
import { RiskCommand } from './risk.commands';
import { RiskEvent } from './risk.events';
import { RiskState } from './risk.state';
import { riskPolicyDecider } from './risk-policy.decider';

const MARKETS = ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'] as const;
const PERIOD = 60_000;
const START = Date.UTC(2026, 10, 23, 3);

type Step = { kind: 'close' | 'entry' | 'exit' | 'add'; market: number; after: number };

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('close' as const, 'entry' as const, 'entry' as const, 'exit' as const, 'add' as const),
  market: fc.integer({ min: 0, max: MARKETS.length - 1 }),
  // Steps land before, at and after the end of a cooldown, the boundary included.
  after: fc.oneof(fc.integer({ min: 0, max: 2 * PERIOD }), fc.constant(PERIOD), fc.constant(0)),
});

/**
 * Against a reference written from the rule alone: an entry on a market is denied exactly while some
 * trade there closed at most PERIOD ago (closedAt <= t < closedAt + PERIOD), whatever happened on the
 * other markets; exits and adds are never denied by it.
 */
describe('the cooldown, on random histories', () => {
  it('denies an entry exactly within the period after a close on its market, and never an exit or an add', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let state: RiskState = riskPolicyDecider.initialState();
        const apply = (command: RiskCommand): RiskEvent[] => {
          const events = riskPolicyDecider.decide(command, state);
          state = events.reduce(riskPolicyDecider.evolve, state);
          return events;
        };
        apply({
          type: 'ConfigureRiskLimits',
          data: {
            limits: { quoteCurrency: 'KRW', maxNotionalPerOrder: '1000000', maxPositionPerMarket: '1000000000', maxOpenOrders: 1000, orderRate: { maxOrders: 1000, perMs: 1 }, maxDailyLoss: '1000000000', maxDrawdownPercent: '99' },
            at: START,
          },
        });
        apply({ type: 'ConfigureProtections', data: { protections: { cooldown: { periodMs: PERIOD } }, at: START } });
        const lastClose = new Map<string, number>();
        let at = START;
        steps.forEach((s, i) => {
          at += s.after;
          const market = MARKETS[s.market] as string;
          if (s.kind === 'close') {
            apply({ type: 'RecordTradeClosed', data: { market, closedAt: at, at } });
            lastClose.set(market, at);
            return;
          }
          const events = apply({ type: 'CheckOrder', data: { orderId: `o-${i}`, market, intent: s.kind, notional: '10000', at } });
          const decided = events.find((e) => e.type === 'OrderApproved' || e.type === 'OrderDenied');
          const closedAt = lastClose.get(market);
          const cooling = s.kind === 'entry' && closedAt !== undefined && at < closedAt + PERIOD;
          expect(decided?.type === 'OrderDenied' ? decided.data.reasonCode : 'approved').toBe(cooling ? 'protection_cooldown' : 'approved');
          // Every lock the state still holds is in force: expired ones were ended when time passed them.
          expect(state.locks.every((lock) => lock.until > at)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
