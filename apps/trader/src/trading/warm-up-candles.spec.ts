import type { Candle, CandleQuery, MarketDataQueries } from '@trader/application';
import { Dec } from '@trader/domain';
import { warmUpCandles } from './warm-up-candles';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 30, 9, 0);

function candle(start: number, close: string): Candle {
  const utc = new Date(start).toISOString().slice(0, 19);
  return {
    market: 'KRW-BTC',
    candleDateTimeUtc: utc,
    candleDateTimeKst: utc,
    openingPrice: new Dec(close),
    highPrice: new Dec(close),
    lowPrice: new Dec(close),
    tradePrice: new Dec(close),
    timestamp: start + MIN - 1,
    accTradePrice: new Dec(close),
    accTradeVolume: new Dec(1),
  };
}

/** Answers the candle endpoint as Upbit does: newest first; only what the warm-up asks is used. */
function queries(newestFirst: Candle[]): MarketDataQueries {
  return { getCandles: (query: CandleQuery) => Promise.resolve(newestFirst.slice(0, query.count ?? 200)) } as unknown as MarketDataQueries;
}

describe('warmUpCandles', () => {
  it('leaves out only the candle still forming at the moment of the warm-up, oldest first', async () => {
    const answer = [candle(T, '3'), candle(T - MIN, '2'), candle(T - 2 * MIN, '1')];
    const atHalfMinute = await warmUpCandles(queries(answer), 'KRW-BTC', '1m', MIN, T + 30_000);
    expect(atHalfMinute.map((c) => [c.start, c.close.toFixed()])).toEqual([
      [T - 2 * MIN, '1'],
      [T - MIN, '2'],
    ]);
  });

  it('keeps the newest candle when its minute has already ended (no trade since): a replay warms up on it too', async () => {
    const answer = [candle(T, '3'), candle(T - MIN, '2')];
    const afterTheMinute = await warmUpCandles(queries(answer), 'KRW-BTC', '1m', MIN, T + MIN + 5_000);
    expect(afterTheMinute.map((c) => c.close.toFixed())).toEqual(['2', '3']);
  });
});
