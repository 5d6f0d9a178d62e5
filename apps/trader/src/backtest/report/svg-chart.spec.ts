import { mergeCandles, thinSeries } from './svg-chart';

describe('thinSeries', () => {
  // 10,000 points of a wave with one deep trough (at 7,777) and one high peak (at 1,234).
  const points = Array.from({ length: 10_000 }, (_, i) => ({ at: i * 60_000, equity: i === 7777 ? 10 : i === 1234 ? 900 : 500 + 50 * Math.sin(i / 100) }));

  it('keeps at most the requested number of points, first and last included, in time order', () => {
    const thinned = thinSeries(points, 2000);
    expect(thinned.length).toBeLessThanOrEqual(2001);
    expect(thinned[0]).toBe(points[0]);
    expect(thinned[thinned.length - 1]).toBe(points[points.length - 1]);
    expect(thinned.every((p, i) => i === 0 || thinned[i - 1].at < p.at)).toBe(true);
  });

  it('keeps every peak and trough', () => {
    const thinned = thinSeries(points, 2000);
    expect(thinned).toContain(points[7777]);
    expect(thinned).toContain(points[1234]);
  });

  it('leaves a short series as it is', () => {
    expect(thinSeries(points.slice(0, 50), 2000)).toEqual(points.slice(0, 50));
  });
});

describe('mergeCandles', () => {
  it('merges adjacent candles into one with the first open, the last close and the extremes', () => {
    const candles = [
      { start: 0, open: 10, high: 12, low: 9, close: 11 },
      { start: 60, open: 11, high: 15, low: 10, close: 14 },
      { start: 120, open: 14, high: 14, low: 7, close: 8 },
      { start: 180, open: 8, high: 9, low: 8, close: 9 },
    ];
    expect(mergeCandles(candles, 2)).toEqual([
      { start: 0, open: 10, high: 15, low: 9, close: 14 },
      { start: 120, open: 14, high: 14, low: 7, close: 9 },
    ]);
    expect(mergeCandles(candles, 4)).toEqual(candles);
  });
});
