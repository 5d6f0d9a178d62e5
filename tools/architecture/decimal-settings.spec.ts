import { Dec } from '@trader/domain';
import { SimulatorDecimal } from '@trader/upbit-sim';

/** The settings of a decimal.js constructor that change what its arithmetic and its strings give. */
function settingsOf(decimal: typeof Dec): Record<string, unknown> {
  const { precision, rounding, modulo, toExpNeg, toExpPos, minE, maxE, crypto } = decimal;
  return { precision, rounding, modulo, toExpNeg, toExpPos, minE, maxE, crypto };
}

/**
 * The simulator shares no code with the domain, so it keeps its own decimal.js clone: this keeps the
 * exchange's arithmetic as exact as the trader's, and fails as soon as either clone's settings move.
 */
describe('one decimal configuration for money', () => {
  it("gives the simulator's decimal the domain's settings", () => {
    expect(settingsOf(SimulatorDecimal)).toEqual(settingsOf(Dec));
    expect(Dec.precision).toBe(60);
  });

  it('tells apart a clone that differs in a single setting', () => {
    expect(settingsOf(Dec.clone({ rounding: Dec.ROUND_HALF_UP }))).not.toEqual(settingsOf(Dec));
  });

  it('computes the same exact results on both sides', () => {
    // A KRW price times an 8-decimal volume times Upbit's 0.05% fee, then a seventh of it: exact, then
    // rounded at the 60th digit by both.
    const onDomain = new Dec('96456789').mul('0.12345678').mul('0.0005').div(7);
    const onSimulator = new SimulatorDecimal('96456789').mul('0.12345678').mul('0.0005').div(7);
    expect(onSimulator.toFixed()).toBe(onDomain.toFixed());
    expect(onDomain.sd()).toBe(60);
  });
});
