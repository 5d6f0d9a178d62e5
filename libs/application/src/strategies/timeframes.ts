import type { Timeframe } from '@trader/domain';
import type { CandleUnit } from '../ports/market-data-feed.types';

const MINUTE = 60_000;

/** Length of each strategy timeframe in ms (candles are UTC-aligned). */
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '10m': 10 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '60m': 60 * MINUTE,
  '240m': 240 * MINUTE,
  '1d': 1_440 * MINUTE,
};

/** The exchange's candle endpoint for a timeframe (Upbit serves minutes 1-240 and days). */
export function candleUnitOf(timeframe: Timeframe): CandleUnit {
  if (timeframe === '1d') return { unit: 'days' };
  return { unit: 'minutes', minutes: (TIMEFRAME_MS[timeframe] / MINUTE) as 1 | 3 | 5 | 10 | 15 | 30 | 60 | 240 };
}
