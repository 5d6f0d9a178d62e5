import type { DownloadProgress } from '@trader/market-history';
import { ThrottledStatusLine } from './throttled-status-line';
import { duration, progressLine } from './data-store/data-progress';

function progress(spanDone: number, candles: number, etaMs: number | null): DownloadProgress {
  return { market: 'KRW-BTC', candles, pages: 1, spanDone, spanTotal: 100, elapsedMs: 1_000, candlesPerSecond: candles, etaMs };
}

describe('progress on stderr (ThrottledStatusLine, drawing data download lines)', () => {
  it('draws a bar with the share done, candles, rate and time left', () => {
    expect(progressLine(progress(25, 1_234, 75_000))).toBe('[######------------------]  25.0%  KRW-BTC  1,234 candles  1,234/s  ETA 1:15');
    expect(progressLine(progress(0, 0, null))).toContain('ETA --');
    expect(duration(3_723_000)).toBe('1:02:03');
  });

  it('on a terminal redraws the bar in place and ends its line when done', () => {
    let now = 0;
    const redrawn: string[] = [];
    const lines: string[] = [];
    const view = new ThrottledStatusLine({ out: () => undefined, err: (l) => lines.push(l), status: (l) => redrawn.push(l) }, () => now);

    view.show(progressLine(progress(10, 10, 9_000)));
    now += 50;
    view.show(progressLine(progress(20, 20, 8_000)));
    now += 100;
    view.show(progressLine(progress(30, 30, 7_000)));
    view.finish();

    expect(redrawn.map((l) => /(\d+\.\d)%/.exec(l)?.[1])).toEqual(['10.0', '30.0', '30.0']);
    expect(lines).toEqual(['']);
  });

  it('without a terminal writes a plain line every few seconds, and the last state at the end', () => {
    let now = 0;
    const lines: string[] = [];
    const view = new ThrottledStatusLine({ out: () => undefined, err: (l) => lines.push(l) }, () => now);

    for (let done = 10; done <= 90; done += 10) {
      view.show(progressLine(progress(done, done, 1_000)));
      now += 1_000;
    }
    view.finish();

    expect(lines.map((l) => /(\d+\.\d)%/.exec(l)?.[1])).toEqual(['10.0', '60.0', '90.0']);
  });
});
