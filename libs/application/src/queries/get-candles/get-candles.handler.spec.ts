import { Dec, Rsi } from '@trader/domain';
import { ChartCandleBook } from '../../live-state/chart-candle-book';
import { MarketDataQueries } from '../../ports/market-data-feed.port';
import { Candle } from '../../ports/market-data-feed.types';
import { GetCandles } from './get-candles.query';
import { GetCandlesHandler } from './get-candles.handler';

describe('GetCandles', () => {
  /** Upbit answers newest first; the closes rise by 1,000 KRW a minute. */
  function exchangeWithCandles(total: number): MarketDataQueries & { asked: number[] } {
    const asked: number[] = [];
    const candle = (i: number): Candle => {
      const price = new Dec(50_000_000 + i * 1_000);
      const time = new Date(Date.UTC(2026, 10, 23, 0, i)).toISOString().slice(0, 19);
      return { market: 'KRW-BTC', candleDateTimeUtc: time, candleDateTimeKst: time, openingPrice: price, highPrice: price, lowPrice: price, tradePrice: price, timestamp: 0, accTradePrice: price, accTradeVolume: new Dec(1) };
    };
    const unsupported = (): never => {
      throw new Error('not used by this query');
    };
    return {
      asked,
      getCandles: async ({ count = 1 }) => {
        asked.push(count);
        return Array.from({ length: Math.min(count, total) }, (_, k) => candle(total - 1 - k));
      },
      listMarkets: unsupported,
      getTrades: unsupported,
      getTickers: unsupported,
      getTickersByQuote: unsupported,
      getOrderBooks: unsupported,
      getInstruments: unsupported,
    };
  }

  const clock = { now: () => Date.UTC(2026, 10, 23, 5) };

  it('returns the newest candles oldest first, with indicators warmed up on earlier candles', async () => {
    const exchange = exchangeWithCandles(300);
    const chart = await new GetCandlesHandler(new ChartCandleBook(exchange, clock, new Set(['KRW-BTC']))).execute(new GetCandles('KRW-BTC', '1m', 10));
    expect(exchange.asked).toEqual([200]);
    expect(chart).toEqual(expect.objectContaining({ market: 'KRW-BTC', timeframe: '1m', source: 'trade-stream' }));
    const rows = chart.candles;
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.time)).toEqual([...rows.map((r) => r.time)].sort());
    expect(rows.at(-1)?.close).toBe(String(50_000_000 + 299 * 1_000));
    // A steadily rising market: RSI 100, price above its SMA, MACD histogram settled.
    const reference = new Rsi(14);
    let rsi: number | null = null;
    for (let i = 255; i < 300; i += 1) rsi = reference.update(50_000_000 + i * 1_000);
    expect(rows.at(-1)?.rsi14).toBe(rsi);
    expect(rows.every((r) => r.sma20 !== null && r.macd !== null && r.bollinger !== null)).toBe(true);
    expect(Number(rows.at(-1)?.close)).toBeGreaterThan(rows.at(-1)?.sma20 ?? Infinity);
  });
});
