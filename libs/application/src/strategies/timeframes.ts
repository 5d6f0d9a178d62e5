import type { Timeframe } from '@trader/domain';

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
