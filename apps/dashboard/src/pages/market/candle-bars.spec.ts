import { describe, expect, it } from 'vitest';
import { barTime, type CandleChart, joinOlder, newerThanHeld, toBar, toVolumeBar } from './candle-bars';
import fixture from './candles.fixture.json';

const chart = fixture as CandleChart;
const colors = { up: 'red', down: 'blue' };

describe('candle envelope to chart series', () => {
  it('reads the UTC start time as epoch seconds and the decimal strings as numbers', () => {
    const first = chart.candles[0];
    if (!first) throw new Error('empty fixture');
    expect(barTime('2026-11-30T15:00:00')).toBe(Date.UTC(2026, 10, 30, 15) / 1000);
    expect(toBar(first)).toEqual({ time: Date.UTC(2026, 10, 30, 13, 20) / 1000, open: 150_799_000, high: 151_144_000, low: 150_723_000, close: 151_065_000 });
    expect(toVolumeBar(first, colors)).toEqual({ time: Date.UTC(2026, 10, 30, 13, 20) / 1000, value: 0.94406264, color: 'red' });
  });

  it('colours a falling candle with the falling colour', () => {
    const falling = chart.candles.find((candle) => Number(candle.close) < Number(candle.open));
    if (!falling) throw new Error('the fixture has no falling candle');
    expect(toVolumeBar(falling, colors).color).toBe('blue');
  });

  it('keeps bars strictly in time order, as the chart requires', () => {
    const times = chart.candles.map((candle) => toBar(candle).time);
    expect(times.every((time, i) => i === 0 || time > (times[i - 1] as number))).toBe(true);
  });

  it('joins an older page before the held candles without repeating the candle both hold', () => {
    const held = chart.candles.slice(60);
    const older = chart.candles.slice(0, 61);
    const joined = joinOlder(older, held);
    expect(joined.map((c) => c.time)).toEqual(chart.candles.map((c) => c.time));
    expect(joined[60]).toBe(held[0]);
  });

  it('takes from a fresh read only the forming candle and those opened since', () => {
    const held = chart.candles.slice(0, 100);
    expect(newerThanHeld(held, chart.candles.slice(95)).map((c) => c.time)).toEqual(chart.candles.slice(99).map((c) => c.time));
  });
});
