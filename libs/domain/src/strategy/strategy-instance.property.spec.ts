import fc from 'fast-check';
import { basicSevenRulesStrategy } from './basic-seven-rules';
import { StrategyDefinition } from './strategy-definition';
import { StrategyInstance } from './strategy-instance';

/** Entries of every kind the quiet-tick shortcut must not change: a level, a cross, and one that reads the price. */
const strategies: StrategyDefinition[] = [
  basicSevenRulesStrategy(),
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

type Step = { kind: 'candle'; close: number } | { kind: 'tick'; price: number; afterMs: number } | { kind: 'buy'; price: number } | { kind: 'flat' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('candle' as const), close: fc.integer({ min: 80, max: 120 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('tick' as const), price: fc.integer({ min: 80, max: 120 }), afterMs: fc.integer({ min: 0, max: 40_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('buy' as const), price: fc.integer({ min: 80, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flat' as const) }) },
);

/**
 * The shortcut for flat ticks (no position, nothing fired, no new candle: the entry triggers are not
 * asked again) decides exactly what a full evaluation of every tick decides, whatever the sequence.
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
          } else if (s.kind === 'flat') {
            position = null;
            fast.recordPositionClosed();
            full.recordPositionClosed();
          } else {
            at += s.afterMs;
            const a = fast.onTick(at, s.price, position);
            const b = full.onTick(at, s.price, position);
            expect(a.decision).toEqual(b.decision);
            expect(fast.management).toEqual(full.management);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
