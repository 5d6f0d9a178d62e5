import type { TradeTick } from '@trader/application';
import { Dec } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import { SqliteMarketHistory } from '@trader/market-history';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarketRecording } from './market-recording';

const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

function tick(market: string, sequentialId: number, at: number, price: string, volume: string): TradeTick {
  return { kind: 'trade', market, sequentialId, tradeTimestamp: at, timestamp: at, price: new Dec(price), volume: new Dec(volume), askBid: sequentialId % 2 === 0 ? 'ASK' : 'BID', streamType: 'REALTIME' };
}

describe('MarketRecording', () => {
  let dir: string;
  let store: SqliteMarketHistory;
  let errors: unknown[];
  const timeframes = new Map<string, Timeframe>([['KRW-BTC', '1m']]);
  const recording = (): MarketRecording =>
    new MarketRecording(store, (market) => timeframes.get(market), (error) => errors.push(error));
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'market-recording-'));
    store = await SqliteMarketHistory.open(join(dir, 'recorded-market.sqlite'));
    errors = [];
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('buffers trades in memory and writes them, with the candles of the strategy timeframe, on flush', () => {
    const r = recording();
    r.onTrade(tick('KRW-BTC', 1, T + 1_000, '100.5', '0.1'));
    r.onTrade(tick('KRW-BTC', 2, T + 2_000, '101', '0.2'));
    r.onTrade(tick('KRW-ETH', 7, T + 2_500, '50', '1'));
    r.onTrade(tick('KRW-BTC', 3, T + 30_000, '99.25', '0.3'));
    expect(store.coverage()).toEqual([]);

    r.flush(T + 40_000);
    expect([...store.trades('KRW-BTC', T, T + MIN)].map((t) => [t.sequentialId, t.price, t.volume, t.side])).toEqual([
      [1, '100.5', '0.1', 'bid'],
      [2, '101', '0.2', 'ask'],
      [3, '99.25', '0.3', 'bid'],
    ]);
    // The minute is not over: its candle is still being built.
    expect([...store.candles('KRW-BTC', '1m', T, T + MIN)]).toEqual([]);

    r.onTrade(tick('KRW-BTC', 4, T + 3 * MIN + 5_000, '98', '1'));
    r.flush(T + 3 * MIN + 6_000);
    expect([...store.candles('KRW-BTC', '1m', T, T + 10 * MIN)]).toEqual([
      { market: 'KRW-BTC', timeframe: '1m', start: T, open: '100.5', high: '101', low: '99.25', close: '99.25', volume: '0.6', value: '60.025' },
    ]);
    // A market without a strategy: its trades are recorded, no candles are built for it.
    expect([...store.trades('KRW-ETH', T, T + MIN)]).toHaveLength(1);
    expect(store.coverage().filter((c) => c.timeframe !== 'trades').map((c) => c.market)).toEqual(['KRW-BTC']);
  });

  it('closes a quiet market’s candle once its interval is over, and writes it at close', async () => {
    const path = join(dir, 'recorded-market.sqlite');
    const r = recording();
    r.onTrade(tick('KRW-BTC', 1, T + 1_000, '10', '1'));
    r.onTrade(tick('KRW-BTC', 2, T + MIN + 1_000, '11', '1'));
    r.close(T + 2 * MIN);

    store = await SqliteMarketHistory.open(path);
    expect([...store.candles('KRW-BTC', '1m', T, T + 10 * MIN)].map((c) => [(c.start - T) / MIN, c.close])).toEqual([
      [0, '10'],
      [1, '11'],
    ]);
    expect(r.stats()).toEqual({ tradesWritten: 2, candlesWritten: 2, rowsDropped: 0, buffered: 0 });
  });

  it('writes a batch at once when 1,000 trades wait, before any flush', () => {
    const r = recording();
    for (let i = 1; i <= 1_000; i += 1) r.onTrade(tick('KRW-ETH', i, T + i, '1', '1'));

    expect([...store.trades('KRW-ETH', T, T + MIN)]).toHaveLength(1_000);
    expect(r.stats()).toEqual(expect.objectContaining({ tradesWritten: 1_000, buffered: 0 }));
  });

  it('reports a failed write and drops its rows, without throwing into the trade loop', () => {
    const r = recording();
    r.onTrade(tick('KRW-ETH', 1, T, '1', '1'));
    store.close();

    expect(() => r.flush(T + 1_000)).not.toThrow();
    r.onTrade(tick('KRW-ETH', 2, T + 2_000, '1', '1'));
    expect(() => r.flush(T + 3_000)).not.toThrow();

    expect(errors).toHaveLength(2);
    expect(r.stats()).toEqual(expect.objectContaining({ tradesWritten: 0, rowsDropped: 2 }));
  });
});
