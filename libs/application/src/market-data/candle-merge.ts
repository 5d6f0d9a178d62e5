import type { Dec } from '@trader/domain';
import type { CandleTrade } from './candle';

/** The fields of a candle that a trade inside its interval moves. */
export interface TradeMovedFields {
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  readonly volume: Dec;
  /** Epoch ms of the last trade in it. */
  readonly lastTradeAt: number;
}

/**
 * `candle` with one more trade of its interval: the high and low stretched to its price, the close at
 * it, its volume added. One fold for every candle we build from trades (the strategies' candles and the
 * admin charts), so the two cannot disagree about a candle.
 */
export function withTrade<C extends TradeMovedFields>(candle: C, trade: Pick<CandleTrade, 'price' | 'volume' | 'tradeTimestamp'>): C {
  return {
    ...candle,
    high: candle.high.gte(trade.price) ? candle.high : trade.price,
    low: candle.low.lte(trade.price) ? candle.low : trade.price,
    close: trade.price,
    volume: candle.volume.plus(trade.volume),
    lastTradeAt: Math.max(candle.lastTradeAt, trade.tradeTimestamp),
  };
}
