import { basicSevenRulesStrategy } from './basic-seven-rules';
import { compileStrategy } from './compiled-strategy';
import { FLAT_MANAGEMENT, ManagementState, recordBuy } from './management-state';
import { inQuietBand, quietBand } from './quiet-band';
import { ManagementRule, StrategyDefinition } from './strategy-definition';
import { StrategyInstance } from './strategy-instance';

const seven = basicSevenRulesStrategy();
const withRules = (management: ManagementRule[]): StrategyDefinition => ({ ...seven, management });
const band = (management: ManagementRule[], state: ManagementState, averagePrice: number) => quietBand(compileStrategy(withRules(management)), state, { averagePrice });
const entered = (price: number): ManagementState => recordBuy(FLAT_MANAGEMENT, 'entry', price);

describe('quietBand', () => {
  const takeProfitAndStop: ManagementRule[] = [
    { id: 'tp', kind: 'take_profit', profitPercent: 5, basis: 'average', afterPyramiding: false },
    { id: 'sl', kind: 'stop_loss', lossPercent: 5 },
  ];

  it('is bounded by the very prices at which the stop and the take profit fire, and by the high since entry', () => {
    const b = band(takeProfitAndStop, { ...entered(100), highSinceEntry: 104 }, 100);
    expect(b).not.toBeNull();
    if (!b) return;
    // The stop fires at 100 * 0.95 and under; the take profit at 100 * 1.05 and over (here the high is lower).
    expect(inQuietBand(b, 100 * (1 - 5 / 100))).toBe(false);
    expect(inQuietBand(b, 95.01)).toBe(true);
    expect(inQuietBand(b, 104)).toBe(true);
    expect(inQuietBand(b, 104.01)).toBe(false);
    const high = band(takeProfitAndStop, { ...entered(100), highSinceEntry: 200 }, 100);
    expect(high && inQuietBand(high, 100 * (1 + 5 / 100))).toBe(false);
    expect(high && inQuietBand(high, 104.99)).toBe(true);
  });

  it('has no band where a rule reads the tick window, or before the first high', () => {
    expect(band(seven.management as ManagementRule[], entered(100), 100)).toBeNull();
    expect(band(takeProfitAndStop, FLAT_MANAGEMENT, 100)).toBeNull();
  });

  it('leaves an armed trailing stop that a price under the high would still raise', () => {
    const trailing: ManagementRule[] = [{ id: 'ts', kind: 'trailing_stop', activationPercent: 5, dropPercent: 3 }];
    // Armed at 95 (average 90 after averaging down) while the high since entry is still 110.
    const b = band(trailing, { ...entered(100), highSinceEntry: 110, trailingStopPrice: 95 * 0.97 }, 90);
    expect(b).not.toBeNull();
    if (!b) return;
    expect(inQuietBand(b, 95)).toBe(true);
    expect(inQuietBand(b, 100)).toBe(false);
    expect(inQuietBand(b, 95 * 0.97)).toBe(false);
  });
});

describe('StrategyInstance with a position', () => {
  it('raises an armed trailing stop on a price under the high as a full evaluation does', () => {
    const definition = withRules([
      { id: 'avg-down', kind: 'averaging_down', stepPercent: 5, maxAdds: 2 },
      { id: 'ts', kind: 'trailing_stop', activationPercent: 5, dropPercent: 3 },
    ]);
    const fast = new StrategyInstance(definition, 'KRW-BTC');
    const full = new StrategyInstance(definition, 'KRW-BTC', false);
    const steps: Array<[number, number]> = [];
    for (const instance of [fast, full]) {
      instance.recordBuy('entry', 100);
      instance.onTick(1, 104, { averagePrice: 100 });
      instance.recordBuy('averaging_down', 80);
      // A high of 104, under the arming price. Average 90: 95 arms the stop at 92.15, 94 is quiet, 100 raises it to 97 (under the high).
      for (const price of [95, 94, 100, 98, 96.9]) {
        const { decision } = instance.onTick(2, price, { averagePrice: 90 });
        steps.push([price, instance.management.trailingStopPrice ?? 0]);
        if (price === 96.9) expect(decision).toMatchObject({ action: 'close', reason: 'trailing_stop' });
      }
    }
    expect(steps.slice(0, 5)).toEqual(steps.slice(5));
    expect(fast.management.trailingStopPrice).toBe(100 * 0.97);
  });
});
