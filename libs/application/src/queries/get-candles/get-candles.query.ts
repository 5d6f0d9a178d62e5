import type { Timeframe } from '@trader/domain';

/** The last `count` candles of a market with the default indicators (chart data). */
export class GetCandles {
  constructor(
    readonly market: string,
    readonly timeframe: Timeframe,
    readonly count = 100,
  ) {}
}
