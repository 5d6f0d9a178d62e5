import { candleUnitOf } from '@trader/application';
import type { MarketDataQueries } from '@trader/application';
import type { Dec, Timeframe } from '@trader/domain';

/** A closed exchange candle the indicators start from. */
export interface WarmUpCandle {
  /** Epoch ms of the candle's start (UTC). */
  readonly start: number;
  readonly open: Dec;
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  readonly volume: Dec;
  readonly value: Dec;
}

/** Upbit serves at most 200 candles per request. */
const WARM_UP_CANDLES = 200;

/**
 * The exchange's recent closed candles of a timeframe, oldest first, for warming up indicators. A
 * candle whose interval has not ended at `now` is still forming, so it is left out: the live trades
 * build it. (Only that one: the same closed candles a replay of the session warms up on.)
 */
export async function warmUpCandles(
  marketData: MarketDataQueries,
  market: string,
  timeframe: Timeframe,
  intervalMs: number,
  now: number,
): Promise<WarmUpCandle[]> {
  const newestFirst = await marketData.getCandles({ market, candle: candleUnitOf(timeframe), count: WARM_UP_CANDLES });
  return newestFirst
    .filter((c) => Date.parse(`${c.candleDateTimeUtc}Z`) + intervalMs <= now)
    .reverse()
    .map((c) => ({ start: Date.parse(`${c.candleDateTimeUtc}Z`), open: c.openingPrice, high: c.highPrice, low: c.lowPrice, close: c.tradePrice, volume: c.accTradeVolume, value: c.accTradePrice }));
}
