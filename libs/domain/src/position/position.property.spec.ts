import fc from 'fast-check';
import { ApplyFill } from './position.commands';
import { positionDecider } from './position.decider';
import { PositionState, averageEntryPrice } from './position.state';

/** Exact rationals on BigInt: the straightforward reference the decimal accounting is checked against. */
interface Ratio {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}
function ratio(n: bigint, d = 1n): Ratio {
  const g = gcd(n, d);
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
}
const add = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Ratio, b: Ratio): Ratio => add(a, { n: -b.n, d: b.d });
const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);
const div = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d, a.d * b.n);
function parse(text: string): Ratio {
  const [whole, fraction = ''] = text.split('.');
  return ratio(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}
/** Renders a rational rounded half-up to `places` decimals, for comparison with the decimal result. */
function fixed(r: Ratio, places: number): string {
  const scale = 10n ** BigInt(places);
  const negative = r.n < 0n;
  const abs = negative ? -r.n : r.n;
  const scaled = (abs * scale * 2n + r.d) / (2n * r.d);
  const digits = scaled.toString().padStart(places + 1, '0');
  const text = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** The reference: replay the fills one by one with exact fractions, average-cost method. */
function reference(fills: ApplyFill['data'][]): { quantity: Ratio; cost: Ratio; realized: Ratio; fees: Ratio } {
  let quantity = ratio(0n);
  let cost = ratio(0n);
  let realized = ratio(0n);
  let fees = ratio(0n);
  for (const f of fills) {
    const price = parse(f.price);
    const volume = parse(f.volume);
    fees = add(fees, parse(f.fee));
    if (f.side === 'buy') {
      quantity = add(quantity, volume);
      cost = add(cost, mul(price, volume));
    } else {
      const sold = mul(cost, div(volume, quantity));
      realized = add(realized, sub(mul(price, volume), sold));
      cost = sub(cost, sold);
      quantity = sub(quantity, volume);
    }
  }
  return { quantity, cost, realized, fees };
}

function apply(fills: ApplyFill['data'][]): PositionState {
  let state = positionDecider.initialState();
  for (const data of fills) {
    for (const event of positionDecider.decide({ type: 'ApplyFill', data }, state)) {
      state = positionDecider.evolve(state, event);
    }
  }
  return state;
}

const decimalText = (units: number, places: number): string => {
  const scale = 10 ** places;
  const whole = Math.floor(units / scale);
  const fraction = String(units % scale).padStart(places, '0');
  return places === 0 ? String(units) : `${whole}.${fraction}`;
};

/** A fill script: buys, and sells of a fraction of what is held (never more), with random fees. */
const fillScript = fc
  .array(
    fc.record({
      sell: fc.boolean(),
      priceUnits: fc.integer({ min: 1, max: 200_000_000 }),
      pricePlaces: fc.integer({ min: 0, max: 4 }),
      volumeSatoshi: fc.integer({ min: 1, max: 500_000_000 }),
      sellShare: fc.integer({ min: 1, max: 100 }),
      feeUnits: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((steps) => {
    let heldSatoshi = 0n;
    return steps.map((step, index): ApplyFill['data'] => {
      let volumeSatoshi = BigInt(step.volumeSatoshi);
      const sell = step.sell && heldSatoshi > 0n;
      if (sell) {
        volumeSatoshi = (heldSatoshi * BigInt(step.sellShare)) / 100n || heldSatoshi;
        heldSatoshi -= volumeSatoshi;
      } else {
        heldSatoshi += volumeSatoshi;
      }
      return {
        market: 'KRW-BTC',
        tradeId: `t${index}`,
        side: sell ? 'sell' : 'buy',
        price: decimalText(step.priceUnits, step.pricePlaces),
        volume: decimalText(Number(volumeSatoshi), 8).replace(/\.?0+$/, '') || '0',
        fee: decimalText(step.feeUnits, 2),
        at: index,
      };
    });
  });

describe('Position accounting (property)', () => {
  it('gives, for any sequence of fills, the position an exact rational recomputation gives', () => {
    fc.assert(
      fc.property(fillScript, (fills) => {
        const state = apply(fills);
        const expected = reference(fills);
        // Sums and products are exact; only the proportional cost of partial sells divides, rounded at the
        // 60th significant digit, so they must agree to far more places than any currency has.
        expect(state.quantity.toFixed(8)).toBe(fixed(expected.quantity, 8));
        expect(state.fees.toFixed(2)).toBe(fixed(expected.fees, 2));
        expect(state.costBasis.toFixed(30)).toBe(fixed(expected.cost, 30));
        expect(state.realizedPnl.toFixed(30)).toBe(fixed(expected.realized, 30));
        if (expected.quantity.n !== 0n) {
          expect(averageEntryPrice(state).toFixed(30)).toBe(fixed(div(expected.cost, expected.quantity), 30));
        } else {
          expect(state.costBasis.isZero()).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Position accounting over 10,000 fills', () => {
  it('has no drift: round trips realise exactly proceeds minus cost', () => {
    const fills: ApplyFill['data'][] = [];
    let expectedRealized = 0n; // in 1e-8 KRW units
    let expectedFees = 0n; // in 1e-4 KRW units
    for (let cycle = 0; cycle < 2_500; cycle++) {
      const buyPrice = 100_000_000 + cycle * 7;
      const sellPrice = buyPrice + (cycle % 3) - 1;
      const volumes = ['0.00012345', '0.00054321'];
      for (const [i, volume] of volumes.entries()) {
        fills.push({ market: 'KRW-BTC', tradeId: `b${cycle}-${i}`, side: 'buy', price: String(buyPrice), volume, fee: '0.0123', at: cycle });
      }
      // Sell the same total in two different pieces so partial sells divide the cost basis.
      for (const [i, volume] of ['0.00033333', '0.00033333'].entries()) {
        fills.push({ market: 'KRW-BTC', tradeId: `s${cycle}-${i}`, side: 'sell', price: String(sellPrice), volume, fee: '0.0123', at: cycle });
      }
      const total = 66_666n; // satoshi bought and sold per cycle
      expectedRealized += BigInt(sellPrice - buyPrice) * total;
      expectedFees += 4n * 123n;
    }
    expect(fills).toHaveLength(10_000);
    const state = apply(fills);
    expect(state.quantity.isZero()).toBe(true);
    expect(state.costBasis.isZero()).toBe(true);
    expect(state.realizedPnl.toFixed(8)).toBe(fixed(ratio(expectedRealized, 100_000_000n), 8));
    expect(state.fees.toFixed(4)).toBe(fixed(ratio(expectedFees, 10_000n), 4));
  });
});
