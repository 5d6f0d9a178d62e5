import { Dec, Rsi } from '@trader/domain';
import { ChartCandleBook } from '../../live-state/chart-candle-book';
import { MarketDataQueries } from '../../ports/market-data-feed.port';
import { Candle } from '../../ports/market-data-feed.types';
import { GetCandles } from './get-candles.query';
import { GetCandlesHandler } from './get-candles.handler';

describe('GetCandles', () => {
  /** Upbit answers newest first; the closes rise by 1,000 KRW a minute. */
  function exchangeWithCandles(total: number): MarketDataQueries & { asked: number[]; askedTo: (number | undefined)[] } {
    const asked: number[] = [];
    const askedTo: (number | undefined)[] = [];
    const startOf = (i: number) => Date.UTC(2026, 10, 23, 0, i);
    const candle = (i: number): Candle => {
      const price = new Dec(50_000_000 + i * 1_000);
      const time = new Date(startOf(i)).toISOString().slice(0, 19);
      return { market: 'KRW-BTC', candleDateTimeUtc: time, candleDateTimeKst: time, openingPrice: price, highPrice: price, lowPrice: price, tradePrice: price, timestamp: 0, accTradePrice: price, accTradeVolume: new Dec(1) };
    };
    const unsupported = (): never => {
      throw new Error('not used by this query');
    };
    return {
      asked,
      askedTo,
      getCandles: async ({ count = 1, to }) => {
        asked.push(count);
        askedTo.push(to);
        const newest = to === undefined ? total - 1 : Math.min(total - 1, Math.ceil((to - startOf(0)) / 60_000) - 1);
        return Array.from({ length: Math.max(0, Math.min(count, newest + 1)) }, (_, k) => candle(newest - k));
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

  it('pages back: with `to`, the candles that started before it, read from the exchange each time', async () => {
    const exchange = exchangeWithCandles(1_000);
    const handler = new GetCandlesHandler(new ChartCandleBook(exchange, clock, new Set(['KRW-BTC'])));
    const to = Date.UTC(2026, 10, 23, 0, 500);
    const page = await handler.execute(new GetCandles('KRW-BTC', '1m', 165, to));
    expect(exchange.asked).toEqual([200]);
    expect(exchange.askedTo).toEqual([to]);
    expect(page.source).toBe('rest-history');
    expect(page.candles).toHaveLength(165);
    expect(page.candles.at(-1)?.time).toBe('2026-11-23T08:19:00');
    expect(page.candles[0]?.time).toBe('2026-11-23T05:35:00');
    expect(page.candles.every((r) => r.sma20 !== null)).toBe(true);
    const older = await handler.execute(new GetCandles('KRW-BTC', '1m', 165, Date.parse(`${page.candles[0]?.time}Z`)));
    expect(older.candles.at(-1)?.time).toBe('2026-11-23T05:34:00');
  });
});
