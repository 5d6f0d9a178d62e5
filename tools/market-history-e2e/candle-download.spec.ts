import type { StoredCandle } from '@trader/application';
import { CandleDownloader, SqliteMarketHistory } from '@trader/market-history';
import type { DownloadProgress } from '@trader/market-history';
import { SystemClock } from '@trader/runtime';
import type { RunningSimulator, SimulatorOptions } from '@trader/upbit-sim';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, startHarness } from '../upbit-client-e2e/client-harness';

const MIN = 60_000;
const markets = ['KRW-BTC', 'KRW-ETH'];
/** Ten and a half hours of one-minute history: more than three pages of 200 per market. */
const history: SimulatorOptions = { warmup: { steps: 630, stepMs: MIN }, tickIntervalMs: 1_000 };
/** The client's retries and its limiter's pause after a 429, shortened so a run of 429s takes milliseconds. */
const quickRetries = { retry: { attempts: 3, baseMs: 5, maxMs: 20 }, rateLimits: { pauseBaseMs: 10, pauseMaxMs: 40 } };

interface RawCandle {
  market: string;
  candle_date_time_utc: string;
  trade_price: number;
}

/**
 * Every 1-minute candle the simulator serves for `market` before `to`, paged with plain fetch: an
 * independent reading to compare the download with.
 */
async function servedCandles(sim: RunningSimulator, market: string, from: number, to: number): Promise<Map<number, number>> {
  const served = new Map<number, number>();
  for (let cursor = to; cursor > from; ) {
    const response = await fetch(`${sim.restUrl}/candles/minutes/1?market=${market}&count=200&to=${new Date(cursor).toISOString()}`);
    if (response.status === 429) {
      // The simulator's own limit (10 a second): wait for the next second.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      continue;
    }
    const page = (await response.json()) as RawCandle[];
    for (const candle of page) {
      const start = Date.parse(`${candle.candle_date_time_utc}Z`);
      if (start >= from) served.set(start, candle.trade_price);
    }
    if (page.length < 200) break;
    cursor = Math.min(...page.map((c) => Date.parse(`${c.candle_date_time_utc}Z`)));
  }
  return served;
}

function stored(store: SqliteMarketHistory, market: string, from: number, to: number): StoredCandle[] {
  return [...store.candles(market, '1m', from, to)];
}

describe('downloading candles from the simulator', () => {
  let dir: string;
  let h: Harness | undefined;
  const open = (name: string): Promise<SqliteMarketHistory> => SqliteMarketHistory.open(join(dir, name));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'candle-download-'));
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages backwards through several pages per market, storing exactly the candles served, never the forming one', async () => {
    h = await startHarness(history, quickRetries);
    const store = await open('candles.sqlite');
    const now = Date.now();
    const from = Math.floor(now / MIN) * MIN - 600 * MIN;
    const progress: DownloadProgress[] = [];

    const summary = await new CandleDownloader(h.client.queries, store, new SystemClock()).download(
      { markets, timeframe: '1m', from, to: now + 3_600_000 },
      { onProgress: (p) => progress.push(p) },
    );

    expect(summary).toEqual(expect.objectContaining({ completed: true, pageRetries: 0 }));
    expect(summary.to).toBeLessThanOrEqual(Math.floor(Date.now() / MIN) * MIN);
    expect(summary.pages).toBeGreaterThanOrEqual(2 * 3);
    for (const market of markets) {
      const rows = stored(store, market, from, Number.MAX_SAFE_INTEGER);
      const served = await servedCandles(h.sim, market, from, summary.to);
      expect(rows.length).toBeGreaterThan(400);
      expect(rows.map((c) => c.start)).toEqual([...served.keys()].sort((a, b) => a - b));
      expect(rows.map((c) => Number(c.close))).toEqual(rows.map((c) => served.get(c.start)));
      expect(rows.every((c) => c.start < summary.to)).toBe(true);
      expect(store.downloadedSpans(market, '1m')).toEqual([{ start: from, end: summary.to }]);
    }
    expect(summary.candles).toBe(markets.reduce((n, m) => n + stored(store, m, from, summary.to).length, 0));
    // Progress after every page: counts rise, the last report has the whole range done and no time left.
    expect(progress).toHaveLength(summary.pages);
    expect(progress.at(-1)).toEqual(expect.objectContaining({ candles: summary.candles, etaMs: 0 }));
    expect(progress.at(-1)?.spanDone).toBe(progress.at(-1)?.spanTotal);
    expect(progress.every((p, i) => i === 0 || p.candles >= (progress[i - 1]?.candles ?? 0))).toBe(true);
    store.close();
  }, 60_000);

  it('keeps gaps as the exchange leaves them: minutes without a trade have no candle', async () => {
    // A trade every two and a half minutes: one minute in five, or so, has none.
    h = await startHarness({ warmup: { steps: 200, stepMs: 150_000 }, tickIntervalMs: 1_000 }, quickRetries);
    const store = await open('gaps.sqlite');
    const to = Math.floor(Date.now() / MIN) * MIN - MIN;
    const from = to - 400 * MIN;

    await new CandleDownloader(h.client.queries, store, new SystemClock()).download({ markets: ['KRW-BTC'], timeframe: '1m', from, to });

    const rows = stored(store, 'KRW-BTC', from, to);
    const served = await servedCandles(h.sim, 'KRW-BTC', from, to);
    expect(rows.map((c) => c.start)).toEqual([...served.keys()].sort((a, b) => a - b));
    expect(rows.length).toBeLessThan(300);
    expect(store.downloadedSpans('KRW-BTC', '1m')).toEqual([{ start: from, end: to }]);
    store.close();
  }, 60_000);

  it('resumes an interrupted download: the rerun asks only for what is missing and ends with the same rows, none twice', async () => {
    h = await startHarness(history, quickRetries);
    const to = Math.floor(Date.now() / MIN) * MIN - MIN;
    const from = to - 600 * MIN;
    const request = { markets, timeframe: '1m' as const, from, to };
    const reference = await open('reference.sqlite');
    const requestsBefore = h.client.rest.stats().requests;
    await new CandleDownloader(h.client.queries, reference, new SystemClock()).download(request);
    const fullRequests = h.client.rest.stats().requests - requestsBefore;

    const store = await open('resumed.sqlite');
    const stop = new AbortController();
    const interrupted = await new CandleDownloader(h.client.queries, store, new SystemClock()).download(request, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.pages === 4) stop.abort();
      },
    });
    expect(interrupted).toEqual(expect.objectContaining({ completed: false, pages: 4 }));
    const afterInterruption = h.client.rest.stats().requests;

    const resumed = await new CandleDownloader(h.client.queries, store, new SystemClock()).download(request);

    expect(resumed.completed).toBe(true);
    expect(h.client.rest.stats().requests - afterInterruption).toBe(fullRequests - 4);
    expect(resumed.markets.reduce((ms, m) => ms + m.skippedMs, 0)).toBeGreaterThan(0);
    for (const market of markets) {
      expect(stored(store, market, from, to)).toEqual(stored(reference, market, from, to));
      expect(store.downloadedSpans(market, '1m')).toEqual([{ start: from, end: to }]);
    }
    expect(store.coverage()).toEqual(reference.coverage());
    // A third run finds everything stored and asks the exchange for nothing.
    const before = h.client.rest.stats().requests;
    expect(await new CandleDownloader(h.client.queries, store, new SystemClock()).download(request)).toEqual(expect.objectContaining({ completed: true, candles: 0, pages: 0 }));
    expect(h.client.rest.stats().requests).toBe(before);
    store.close();
    reference.close();
  }, 90_000);

  it('rides out 429s: those the client retries itself, and a run of them longer than its retries', async () => {
    h = await startHarness(history, quickRetries);
    const to = Math.floor(Date.now() / MIN) * MIN - MIN;
    const from = to - 500 * MIN;
    const request = { markets: ['KRW-BTC'], timeframe: '1m' as const, from, to };
    const store = await open('rate-limited.sqlite');
    const quickPauses = { retryPauseMs: 5, maxRetryPauseMs: 20 };

    h.sim.admin.injectRestFault({ method: 'GET', path: '/candles/minutes/1', phase: 'before', action: { kind: 'rate-limit' }, times: 2 });
    const status429 = h.client.rest.stats().status429;
    const first = await new CandleDownloader(h.client.queries, store, new SystemClock(), quickPauses).download({ ...request, from: to - 250 * MIN });
    expect(first).toEqual(expect.objectContaining({ completed: true, pageRetries: 0 }));
    expect(h.client.rest.stats().status429 - status429).toBe(2);

    // Seven in a row: the client gives up after three attempts, the downloader asks for the page again.
    h.sim.admin.injectRestFault({ method: 'GET', path: '/candles/minutes/1', phase: 'before', action: { kind: 'rate-limit' }, times: 7 });
    const second = await new CandleDownloader(h.client.queries, store, new SystemClock(), quickPauses).download(request);
    expect(second.completed).toBe(true);
    expect(second.pageRetries).toBe(2);
    expect(h.client.rest.stats().status429 - status429).toBe(9);

    const served = await servedCandles(h.sim, 'KRW-BTC', from, to);
    expect(stored(store, 'KRW-BTC', from, to).map((c) => c.start)).toEqual([...served.keys()].sort((a, b) => a - b));
    store.close();
  }, 60_000);
});
