import type { Timeframe } from '@trader/domain';

/**
 * The last `count` candles of a market with the default indicators (chart data); with `to` (epoch ms,
 * exclusive), the last `count` that started before it (a page of older history).
 */
export class GetCandles {
  constructor(
    readonly market: string,
    readonly timeframe: Timeframe,
    readonly count = 100,
    readonly to?: number,
  ) {}
}
