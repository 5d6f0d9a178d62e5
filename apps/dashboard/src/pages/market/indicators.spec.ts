import { describe, expect, it } from 'vitest';
import type { CandleChart } from './candle-bars';
import fixture from './candles.fixture.json';
import { bollinger, ema, rsi, sma } from './indicators';

/** A chart the trader answered on the simulator (GET /api/v1/markets/KRW-BTC/candles?timeframe=1m&count=120). */
const chart = fixture as CandleChart;
const closes = chart.candles.map((candle) => Number(candle.close));

describe('indicators', () => {
  it('SMA: the mean of the last period closes, null before a full period', () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toEqual([null, null, 2, 3, 4]);
  });

  it('EMA: seeded with the SMA of the first period, then smoothed by 2 / (period + 1)', () => {
    expect(ema([2, 4, 6, 8, 12], 3)).toEqual([null, null, 4, 6, 9]);
  });

  it("RSI: Wilder's averages of gains and losses; 100 when only rising, 50 when flat", () => {
    expect(rsi([0, 1, 0, 1], 2)).toEqual([null, null, 50, 75]);
    expect(rsi([1, 2, 3, 4], 2).at(-1)).toBe(100);
    expect(rsi([5, 5, 5], 2).at(-1)).toBe(50);
  });

  it('Bollinger: the SMA with bands at k population standard deviations', () => {
    const [band] = bollinger([1, 2, 3, 4, 5], 5, 2).slice(-1);
    expect(band?.middle).toBe(3);
    expect(band?.upper).toBeCloseTo(3 + 2 * Math.SQRT2, 12);
    expect(band?.lower).toBeCloseTo(3 - 2 * Math.SQRT2, 12);
    expect(bollinger([1, 2, 3], 5)).toEqual([null, null, null]);
  });

  it("SMA(20) and Bollinger(20, 2) equal the server's from the first full period of the page", () => {
    const ours = sma(closes, 20);
    const bands = bollinger(closes, 20, 2);
    let compared = 0;
    chart.candles.forEach((candle, i) => {
      if (i < 19) return expect(ours[i]).toBeNull();
      compared += 1;
      expect(Math.abs((ours[i] as number) - (candle.sma20 as number))).toBeLessThan(1e-6);
      expect(Math.abs((bands[i]?.upper as number) - (candle.bollinger?.upper as number))).toBeLessThan(1e-3);
      expect(Math.abs((bands[i]?.lower as number) - (candle.bollinger?.lower as number))).toBeLessThan(1e-3);
    });
    expect(compared).toBe(chart.candles.length - 19);
  });

  it("EMA(20) and RSI(14) converge on the server's (which warmed up on 35 earlier candles) by the page's end", () => {
    const last = chart.candles.at(-1);
    const ourEma = ema(closes, 20).at(-1) as number;
    const ourRsi = rsi(closes, 14).at(-1) as number;
    expect(Math.abs(ourEma - (last?.ema20 as number)) / ourEma).toBeLessThan(1e-6);
    expect(Math.abs(ourRsi - (last?.rsi14 as number))).toBeLessThan(0.05);
  });
});
