import fc from 'fast-check';
import { basicSevenRulesStrategy } from './basic-seven-rules';
import { StrategyDefinition } from './strategy-definition';
import { StrategyInstance } from './strategy-instance';

const seven = basicSevenRulesStrategy();
const withoutWindows = seven.management.filter((rule) => rule.kind !== 'crash_exit' && rule.kind !== 'surge_guard');

/**
 * Entries of every kind the quiet-tick shortcuts must not change (a level, a cross, one that reads the
 * price), and positions managed by every rule the open-position band covers, with triggers on
 * indicators (the band holds) and on the profit (it must not be used).
 */
const strategies: StrategyDefinition[] = [
  seven,
  { ...seven, id: 'seven-without-window-rules', management: withoutWindows },
  {
    ...seven,
    id: 'average-take-profit-stop-and-exit-triggers',
    triggers: [
      ...seven.triggers,
      { id: 'rsi-over-70-exit', kind: 'exit', condition: { left: { variable: 'rsi', params: { period: 3 } }, operator: '>', right: { value: 70 } } },
      { id: 'rsi-crosses-60-hold', kind: 'management', action: 'hold', condition: { left: { variable: 'rsi', params: { period: 3 } }, operator: 'crosses_above', right: { value: 60 } } },
    ],
    management: [
      { id: 'take-profit', kind: 'take_profit', profitPercent: 5, basis: 'average', afterPyramiding: false },
      { id: 'stop-loss', kind: 'stop_loss', lossPercent: 5 },
      { id: 'add-on-profit', kind: 'pyramiding', stepPercent: 3, maxAdds: 2 },
    ],
  },
  {
    ...seven,
    id: 'cross-entry-without-window-rules',
    triggers: [{ id: 'rsi-crosses-under-40', kind: 'entry', condition: { left: { variable: 'rsi', params: { period: 3 } }, operator: 'crosses_below', right: { value: 40 } } }],
    management: withoutWindows,
  },
  {
    ...seven,
    id: 'profit-exit-trigger',
    triggers: [...seven.triggers, { id: 'profit-over-4', kind: 'exit', condition: { left: { variable: 'profit_pct' }, operator: '>', right: { value: 4 } } }],
    management: withoutWindows,
  },
  {
    ...basicSevenRulesStrategy(),
    id: 'cross-entry',
    triggers: [{ id: 'rsi-crosses-under-40', kind: 'entry', condition: { left: { variable: 'rsi', params: { period: 3 } }, operator: 'crosses_below', right: { value: 40 } } }],
  },
  {
    ...basicSevenRulesStrategy(),
    id: 'price-entry',
    triggers: [{ id: 'price-under-sma', kind: 'entry', condition: { left: { variable: 'price' }, operator: '<', right: { variable: 'sma', params: { period: 3 } } } }],
  },
];

type Step =
  | { kind: 'candle'; close: number }
  | { kind: 'tick'; price: number; afterMs: number }
  | { kind: 'buy'; price: number }
  | { kind: 'add'; price: number; reason: 'pyramiding' | 'averaging_down' }
  | { kind: 'flat' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('candle' as const), close: fc.integer({ min: 80, max: 120 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('tick' as const), price: fc.integer({ min: 80, max: 120 }), afterMs: fc.integer({ min: 0, max: 40_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('buy' as const), price: fc.integer({ min: 80, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), price: fc.integer({ min: 80, max: 120 }), reason: fc.constantFrom('pyramiding' as const, 'averaging_down' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flat' as const) }) },
);

/**
 * The shortcuts for quiet ticks (flat: nothing fired, no new candle, the entry triggers are not asked
 * again; open: the price inside the band where no rule fires) decide exactly what a full evaluation of
 * every tick decides, and keep the same management state, whatever the sequence.
 */
describe('StrategyInstance quiet ticks', () => {
  it.each(strategies.map((s) => [s.id, s] as const))('decide as full evaluations do (%s)', (_id, definition) => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 100, maxLength: 300 }), (steps) => {
        const fast = new StrategyInstance(definition, 'KRW-BTC');
        const full = new StrategyInstance(definition, 'KRW-BTC', false);
        let at = 0;
        let position: { averagePrice: number } | null = null;
        for (const s of steps) {
          if (s.kind === 'candle') {
            const candle = { open: s.close, high: s.close + 1, low: s.close - 1, close: s.close, volume: 1 };
            fast.onCandle(candle);
            full.onCandle(candle);
          } else if (s.kind === 'buy') {
            position = { averagePrice: s.price };
            fast.recordBuy('entry', s.price);
            full.recordBuy('entry', s.price);
          } else if (s.kind === 'add') {
            if (!position) continue;
            position = { averagePrice: (position.averagePrice + s.price) / 2 };
            fast.recordBuy(s.reason, s.price);
            full.recordBuy(s.reason, s.price);
          } else if (s.kind === 'flat') {
            position = null;
            fast.recordPositionClosed();
            full.recordPositionClosed();
          } else {
            at += s.afterMs;
            const a = fast.onTick(at, s.price, position);
            const b = full.onTick(at, s.price, position);
            expect(a.decision).toEqual(b.decision);
            expect(a.fired).toEqual(b.fired);
            expect(fast.management).toEqual(full.management);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
