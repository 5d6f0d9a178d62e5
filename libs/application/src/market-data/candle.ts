import type { Dec } from '@trader/domain';

/** A closed (or, while building, current) candle of one market and interval, from our own trade feed. */
export interface BuiltCandle {
  readonly market: string;
  readonly intervalMs: number;
  /** Epoch ms of the start of the candle's interval (UTC-aligned). */
  readonly openTime: number;
  readonly open: Dec;
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  /** Base-currency volume traded. */
  readonly volume: Dec;
  /** Quote-currency value traded (sum of price x volume). */
  readonly value: Dec;
  readonly trades: number;
  /** Epoch ms of the last trade in the candle. */
  readonly lastTradeAt: number;
}

export interface CandleTrade {
  readonly market: string;
  readonly price: Dec;
  readonly volume: Dec;
  readonly tradeTimestamp: number;
  /** Upbit's per-market trade sequence: the de-duplication key. */
  readonly sequentialId: number;
}
