import { Dec } from '@trader/domain';
import type { MarketDataQueries } from '../ports/market-data-feed.port';
import type { Candle, CandleQuery, TradeTick } from '../ports/market-data-feed.types';
import { ChartCandleBook } from './chart-candle-book';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 30, 9, 0);

/** Three 1-minute candles ending with the one forming at T0 + 2 min (its last trade at T0 + 2 min + 10 s). */
function exchange(): MarketDataQueries & { queries: CandleQuery[] } {
  const unused = (): never => {
    throw new Error('not used');
  };
  const candle = (i: number, lastTradeAt: number): Candle => {
    const time = new Date(T0 + i * MIN).toISOString().slice(0, 19);
    const p = new Dec(100 + i);
    return { market: 'KRW-BTC', candleDateTimeUtc: time, candleDateTimeKst: time, openingPrice: p, highPrice: p, lowPrice: p, tradePrice: p, timestamp: lastTradeAt, accTradePrice: p, accTradeVolume: new Dec(1) };
  };
  const state = {
    queries: [] as CandleQuery[],
    getCandles: async (query: CandleQuery) => {
      state.queries.push(query);
      return [candle(2, T0 + 2 * MIN + 10_000), candle(1, T0 + MIN + 50_000), candle(0, T0 + 50_000)];
    },
    listMarkets: unused,
    getTrades: unused,
    getTickers: unused,
    getTickersByQuote: unused,
    getOrderBooks: unused,
    getInstruments: unused,
  };
  return state;
}
const trade = (at: number, price: string, volume = '1', sequentialId = at): TradeTick => ({
  kind: 'trade',
  market: 'KRW-BTC',
  price: new Dec(price),
  volume: new Dec(volume),
  askBid: 'BID',
  sequentialId,
  tradeTimestamp: at,
  timestamp: at,
  streamType: 'REALTIME',
});
const ohlcv = (chart: { candles: readonly { open: Dec; high: Dec; low: Dec; close: Dec; volume: Dec }[] }): string[] =>
  chart.candles.map((c) => [c.open, c.high, c.low, c.close, c.volume].map((d) => d.toFixed()).join('/'));

describe('ChartCandleBook', () => {
  const clock = { now: () => T0 + 2 * MIN + 20_000 };

  it('warms a chart up from REST once, then builds it from the trade stream', async () => {
    const ex = exchange();
    const book = new ChartCandleBook(ex, clock, new Set(['KRW-BTC']));
    book.stream.up();
    await book.chart('KRW-BTC', '1m');
    book.onTrade(trade(T0 + 2 * MIN + 5_000, '999'));
    book.onTrade(trade(T0 + 2 * MIN + 30_000, '105', '2'));
    book.onTrade(trade(T0 + 3 * MIN + 1_000, '106', '0.5'));
    const chart = await book.chart('KRW-BTC', '1m');
    expect(ohlcv(chart)).toEqual(['100/100/100/100/1', '101/101/101/101/1', '102/105/102/105/3', '106/106/106/106/0.5']);
    expect(chart).toEqual(expect.objectContaining({ source: 'trade-stream', asOf: T0 + 3 * MIN + 1_000, stale: false }));
    expect(ex.queries).toEqual([{ market: 'KRW-BTC', candle: { unit: 'minutes', minutes: 1 }, count: 200 }]);
  });

  it('applies the trades that arrive during the warm-up after the ones the REST answer holds', async () => {
    const book = new ChartCandleBook(exchange(), clock, new Set(['KRW-BTC']));
    const first = book.chart('KRW-BTC', '1m');
    book.onTrade(trade(T0 + 2 * MIN + 10_000, '1'));
    book.onTrade(trade(T0 + 2 * MIN + 11_000, '104'));
    expect(ohlcv(await first).at(-1)).toBe('102/104/102/104/2');
  });

  it('counts a trade the stream delivers again (same sequentialId) once, in a forming candle and in a new one', async () => {
    const book = new ChartCandleBook(exchange(), clock, new Set(['KRW-BTC']));
    book.stream.up();
    await book.chart('KRW-BTC', '1m');
    const inForming = trade(T0 + 2 * MIN + 30_000, '105', '2', 7_001);
    const opening = trade(T0 + 3 * MIN + 1_000, '106', '0.5', 7_002);
    book.onTrade(inForming);
    book.onTrade({ ...inForming, streamType: 'SNAPSHOT' });
    book.onTrade(opening);
    book.onTrade({ ...opening, streamType: 'SNAPSHOT' });
    // An older trade number with a later time is a repeat too: Upbit numbers a market's trades in order.
    book.onTrade(trade(T0 + 3 * MIN + 2_000, '1', '9', 7_001));
    book.onTrade(trade(T0 + 3 * MIN + 3_000, '107', '1', 7_003));
    expect(ohlcv(await book.chart('KRW-BTC', '1m')).slice(-2)).toEqual(['102/105/102/105/3', '106/107/106/107/1.5']);
  });

  it('is stale while the trade stream is down, and warmed up again after it came back', async () => {
    const ex = exchange();
    const book = new ChartCandleBook(ex, clock, new Set(['KRW-BTC']));
    book.stream.up();
    await book.chart('KRW-BTC', '1m');
    book.stream.down(clock.now());
    expect((await book.chart('KRW-BTC', '1m')).stale).toBe(true);
    book.recovered();
    expect((await book.chart('KRW-BTC', '1m')).stale).toBe(false);
    expect(ex.queries).toHaveLength(2);
  });

  it('reads a market it does not watch from REST, served again within the cache time', async () => {
    const ex = exchange();
    const book = new ChartCandleBook(ex, clock, new Set(), 5_000);
    const [a, b] = await Promise.all([book.chart('KRW-BTC', '1m'), book.chart('KRW-BTC', '1m')]);
    expect(a).toEqual(expect.objectContaining({ source: 'rest-cache', asOf: clock.now(), stale: false }));
    expect(ohlcv(b)).toEqual(ohlcv(a));
    expect(ex.queries).toHaveLength(1);
  });
});
