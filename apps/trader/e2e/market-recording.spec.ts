import type { RecordedTrade, StoredCandle } from '@trader/application';
import { Dec } from '@trader/domain';
import { SqliteMarketHistory } from '@trader/market-history';
import { eventually } from '@trader/runtime';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listeningUrl, RunningTrader, startTrader } from './trader-process';

const token = 'e2e-token-0123456789abcdef';
const MIN = 60_000;

/** What the recorded trades of one minute add up to, computed here independently of the candle builder. */
function candleOf(trades: readonly RecordedTrade[]): Omit<StoredCandle, 'market' | 'timeframe' | 'start'> {
  const prices = trades.map((t) => new Dec(t.price));
  return {
    open: trades[0]?.price ?? '',
    high: Dec.max(...prices).toFixed(),
    low: Dec.min(...prices).toFixed(),
    close: trades.at(-1)?.price ?? '',
    volume: trades.reduce((sum, t) => sum.plus(t.volume), new Dec(0)).toFixed(),
    value: trades.reduce((sum, t) => sum.plus(new Dec(t.price).mul(t.volume)), new Dec(0)).toFixed(),
  };
}

describe('market recording while paper trading (the built process and its in-process simulator)', () => {
  let trader: RunningTrader | undefined;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-recording-'));
  });
  afterAll(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('records every public trade, the candles the reference strategy warmed up on, and the one-minute candles it builds, consistent with each other', async () => {
    const recordingPath = join(dir, 'recorded-market.sqlite');
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: join(dir, 'trader.db') });
    await listeningUrl(trader);
    expect(trader.output()).toContain(`recording the market data trading receives to ${recordingPath}`);

    // The reference strategy trades KRW-BTC and KRW-ETH on one-minute candles: wait until a minute built
    // from the received trades has closed for both (the warm-up candles are recorded at once).
    await eventually(
      async () => {
        expect(existsSync(recordingPath)).toBe(true);
        const reader = await SqliteMarketHistory.open(recordingPath, { readonly: true });
        try {
          for (const market of ['KRW-BTC', 'KRW-ETH']) {
            // More than a handful of trades too: a first trade just before a minute's end closes that
            // minute with one or two.
            const received = [...reader.trades(market, 0, Number.MAX_SAFE_INTEGER)];
            expect(received.length).toBeGreaterThan(10);
            const [first] = received;
            expect(first).toBeDefined();
            const built = [...reader.candles(market, '1m', (first as RecordedTrade).timestamp - ((first as RecordedTrade).timestamp % MIN), Number.MAX_SAFE_INTEGER)];
            expect(built.length).toBeGreaterThanOrEqual(1);
          }
        } finally {
          reader.close();
        }
      },
      { timeoutMs: 100_000, intervalMs: 1_000 },
    );
    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });
    expect(trader.output()).not.toMatch(/recording market data to .* failed/);

    const store = await SqliteMarketHistory.open(recordingPath, { readonly: true });
    try {
      for (const market of ['KRW-BTC', 'KRW-ETH']) {
        const trades = [...store.trades(market, 0, Number.MAX_SAFE_INTEGER)];
        const firstMinute = (trades[0]?.timestamp ?? 0) - ((trades[0]?.timestamp ?? 0) % MIN);
        // The exchange candles the strategy warmed up on, closed before the first trade it received.
        const warmUp = [...store.candles(market, '1m', 0, firstMinute)];
        expect(warmUp.length).toBeGreaterThanOrEqual(100);
        const candles = [...store.candles(market, '1m', firstMinute, Number.MAX_SAFE_INTEGER)];
        expect(trades.length).toBeGreaterThan(10);
        expect(new Set(trades.map((t) => t.sequentialId)).size).toBe(trades.length);
        expect(candles.length).toBeGreaterThanOrEqual(1);
        // Each recorded candle is exactly what the recorded trades of its minute add up to: nothing
        // was lost between the stream, the candle builder and the file.
        for (const candle of candles) {
          const minute = trades.filter((t) => t.timestamp >= candle.start && t.timestamp < candle.start + MIN);
          expect({ ...candle }).toEqual({ market, timeframe: '1m', start: candle.start, ...candleOf(minute) });
        }
      }
    } finally {
      store.close();
    }
  }, 150_000);
});
