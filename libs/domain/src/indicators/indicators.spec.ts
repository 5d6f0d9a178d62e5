import fc from 'fast-check';
import { Atr } from './atr';
import { BollingerBands } from './bollinger-bands';
import { Candle } from './candle';
import { Ema } from './ema';
import { InvalidIndicatorParameterError, NonFiniteInputError } from './indicator.errors';
import { Macd } from './macd';
import { PriceChangePercent } from './price-change';
import { PriceWindow } from './price-window';
import { Rsi } from './rsi';
import { Sma } from './sma';
import { Stochastic } from './stochastic';

/*
 * Reference implementations: straightforward, recomputing each value from the whole history up to that
 * point (no incremental state), as the textbook formulas read.
 */
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function refSma(xs: number[], period: number): number | null {
  return xs.length < period ? null : mean(xs.slice(-period));
}

function refEma(xs: number[], period: number): number | null {
  if (xs.length < period) return null;
  let ema = mean(xs.slice(0, period));
  for (const x of xs.slice(period)) ema = x * (2 / (period + 1)) + ema * (1 - 2 / (period + 1));
  return ema;
}

function refRsi(xs: number[], period: number): number | null {
  if (xs.length < period + 1) return null;
  const changes = xs.slice(1).map((x, i) => x - xs[i]);
  let gain = mean(changes.slice(0, period).map((c) => Math.max(c, 0)));
  let loss = mean(changes.slice(0, period).map((c) => Math.max(-c, 0)));
  for (const c of changes.slice(period)) {
    gain = (gain * (period - 1) + Math.max(c, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-c, 0)) / period;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

function refMacd(xs: number[], fast: number, slow: number, signal: number): [number, number, number] | null {
  const lines: number[] = [];
  for (let i = slow; i <= xs.length; i++) {
    lines.push((refEma(xs.slice(0, i), fast) as number) - (refEma(xs.slice(0, i), slow) as number));
  }
  const sig = refEma(lines, signal);
  if (sig === null) return null;
  const line = lines[lines.length - 1];
  return [line, sig, line - sig];
}

function refBollinger(xs: number[], period: number, k: number): [number, number, number] | null {
  if (xs.length < period) return null;
  const window = xs.slice(-period);
  const m = mean(window);
  const sd = Math.sqrt(mean(window.map((x) => (x - m) ** 2)));
  return [m + k * sd, m, m - k * sd];
}

function refStochastic(cs: Candle[], kPeriod: number, dPeriod: number): [number, number] | null {
  const ks: number[] = [];
  for (let i = kPeriod; i <= cs.length; i++) {
    const window = cs.slice(i - kPeriod, i);
    const high = Math.max(...window.map((c) => c.high));
    const low = Math.min(...window.map((c) => c.low));
    ks.push(high === low ? 50 : (100 * (cs[i - 1].close - low)) / (high - low));
  }
  if (ks.length < dPeriod) return null;
  return [ks[ks.length - 1], mean(ks.slice(-dPeriod))];
}

function refAtr(cs: Candle[], period: number): number | null {
  if (cs.length < period) return null;
  const trs = cs.map((c, i) =>
    i === 0 ? c.high - c.low : Math.max(c.high - c.low, Math.abs(c.high - cs[i - 1].close), Math.abs(c.low - cs[i - 1].close)),
  );
  let atr = mean(trs.slice(0, period));
  for (const tr of trs.slice(period)) atr = (atr * (period - 1) + tr) / period;
  return atr;
}

/** A random walk of KRW-BTC-like prices (around 1e8), with flat stretches and jumps. */
function walk(length: number, seed: number): Candle[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let close = 100_000_000;
  const candles: Candle[] = [];
  for (let i = 0; i < length; i++) {
    const flat = i % 97 < 20;
    const open = close;
    close = flat ? close : Math.max(1000, Math.round(close * (1 + (next() - 0.5) * 0.02)));
    const high = Math.max(open, close) + (flat ? 0 : Math.round(next() * 200_000));
    const low = Math.min(open, close) - (flat ? 0 : Math.round(next() * 200_000));
    candles.push({ open, high, low, close, volume: Math.round(next() * 1e6) / 1e4 });
  }
  return candles;
}

function expectClose(actual: number | null | undefined, expected: number | null): void {
  if (expected === null) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

const candles = walk(400, 7);
const closes = candles.map((c) => c.close);

describe('indicators against reference implementations', () => {
  it.each([1, 5, 20])('SMA(%i) matches at every step', (period) => {
    const sma = new Sma(period);
    closes.forEach((close, i) => expectClose(sma.update(close), refSma(closes.slice(0, i + 1), period)));
  });

  it.each([5, 20])('EMA(%i) matches at every step', (period) => {
    const ema = new Ema(period);
    closes.forEach((close, i) => expectClose(ema.update(close), refEma(closes.slice(0, i + 1), period)));
  });

  it('RSI(14) matches at every step, including flat stretches', () => {
    const rsi = new Rsi(14);
    closes.forEach((close, i) => expectClose(rsi.update(close), refRsi(closes.slice(0, i + 1), 14)));
  });

  it('MACD(12,26,9) matches line, signal and histogram at every step', () => {
    const macd = new Macd(12, 26, 9);
    closes.forEach((close, i) => {
      const actual = macd.update(close);
      const expected = refMacd(closes.slice(0, i + 1), 12, 26, 9);
      expectClose(actual?.line, expected?.[0] ?? null);
      expectClose(actual?.signal, expected?.[1] ?? null);
      expectClose(actual?.histogram, expected?.[2] ?? null);
    });
  });

  it('Bollinger(20,2) matches at every step, including a flat window at 1e8', () => {
    const bb = new BollingerBands(20, 2);
    closes.forEach((close, i) => {
      const actual = bb.update(close);
      const expected = refBollinger(closes.slice(0, i + 1), 20, 2);
      // Bands are price-sized: compare to 1e-9 of the price, as a deviation of 0 cannot be relative.
      for (const [a, e] of [
        [actual?.upper, expected?.[0]],
        [actual?.middle, expected?.[1]],
        [actual?.lower, expected?.[2]],
      ] as const) {
        if (e === undefined) expect(a).toBeUndefined();
        else expect(Math.abs((a as number) - e)).toBeLessThanOrEqual(1e-9 * e);
      }
    });
  });

  it('Stochastic(14,3) matches %K and %D at every step', () => {
    const stochastic = new Stochastic(14, 3);
    candles.forEach((candle, i) => {
      const actual = stochastic.update(candle);
      const expected = refStochastic(candles.slice(0, i + 1), 14, 3);
      expectClose(actual?.k, expected?.[0] ?? null);
      expectClose(actual?.d, expected?.[1] ?? null);
    });
  });

  it('ATR(14) matches at every step', () => {
    const atr = new Atr(14);
    candles.forEach((candle, i) => expectClose(atr.update(candle), refAtr(candles.slice(0, i + 1), 14)));
  });

  it('price change over 5 candles matches', () => {
    const change = new PriceChangePercent(5);
    closes.forEach((close, i) =>
      expectClose(change.update(close), i < 5 ? null : ((close - closes[i - 5]) / closes[i - 5]) * 100),
    );
  });

  it('SMA and Bollinger stay exact over a long run (no accumulated drift)', () => {
    const long = walk(100_000, 11).map((c) => c.close);
    const sma = new Sma(20);
    const bb = new BollingerBands(20, 2);
    for (const close of long) {
      sma.update(close);
      bb.update(close);
    }
    expectClose(sma.value, refSma(long, 20));
    expectClose(bb.value?.upper ?? null, refBollinger(long, 20, 2)?.[0] ?? null);
  });
});

describe('PriceWindow', () => {
  it('tracks the high and low of the last window of ticks, for any tick sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 1_000 })), { minLength: 1, maxLength: 200 }),
        (steps) => {
          const window = new PriceWindow(60_000);
          const ticks: Array<[number, number]> = [];
          let at = 0;
          for (const [gap, price] of steps) {
            at += gap;
            window.update(at, price);
            ticks.push([at, price]);
            const recent = ticks.filter(([t]) => t >= at - 60_000).map(([, p]) => p);
            expect(window.high).toBe(Math.max(...recent));
            expect(window.low).toBe(Math.min(...recent));
          }
        },
      ),
    );
  });

  it('refuses ticks that go back in time', () => {
    const window = new PriceWindow(1_000);
    window.update(10, 1);
    expect(() => window.update(9, 1)).toThrow(InvalidIndicatorParameterError);
  });
});

describe('indicator inputs', () => {
  it('refuses invalid periods and non-finite values', () => {
    expect(() => new Sma(0)).toThrow(InvalidIndicatorParameterError);
    expect(() => new Rsi(1.5)).toThrow(InvalidIndicatorParameterError);
    expect(() => new Macd(26, 12, 9)).toThrow(InvalidIndicatorParameterError);
    expect(() => new BollingerBands(20, 0)).toThrow(InvalidIndicatorParameterError);
    expect(() => new Ema(3).update(Number.NaN)).toThrow(NonFiniteInputError);
  });
});
