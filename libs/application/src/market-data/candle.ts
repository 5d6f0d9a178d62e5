import type { Decimal } from 'decimal.js';

/** A closed (or, while building, current) candle of one market and interval, from our own trade feed. */
export interface BuiltCandle {
  readonly market: string;
  readonly intervalMs: number;
  /** Epoch ms of the start of the candle's interval (UTC-aligned). */
  readonly openTime: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  /** Base-currency volume traded. */
  readonly volume: Decimal;
  /** Quote-currency value traded (sum of price x volume). */
  readonly value: Decimal;
  readonly trades: number;
  /** Epoch ms of the last trade in the candle. */
  readonly lastTradeAt: number;
}

export interface CandleTrade {
  readonly market: string;
  readonly price: Decimal;
  readonly volume: Decimal;
  readonly tradeTimestamp: number;
  /** Upbit's per-market trade sequence: the de-duplication key. */
  readonly sequentialId: number;
}
