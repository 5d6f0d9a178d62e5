import type { Timeframe } from '@trader/domain';

/**
 * A stored candle. Prices and amounts stay decimal strings as the exchange sent them: the backtest
 * parses them to numbers for indicators and to `Dec` only where money is computed (fills).
 */
export interface StoredCandle {
  readonly market: string;
  readonly timeframe: Timeframe;
  /** Epoch ms (UTC) of the start of the candle's interval: with market and timeframe, the key. */
  readonly start: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base-currency volume traded in the interval. */
  readonly volume: string;
  /** Quote-currency value traded in the interval. */
  readonly value: string;
}

/** A public trade as received (recorded in paper or live mode), for replays that need every trade. */
export interface RecordedTrade {
  readonly market: string;
  /** Upbit's per-market trade sequence: with market, the key. */
  readonly sequentialId: number;
  readonly timestamp: number;
  readonly price: string;
  readonly volume: string;
  readonly side: 'ask' | 'bid';
}

/** What the store holds for one market and timeframe (or `trades` for recorded trades). */
export interface HistoryCoverage {
  readonly market: string;
  readonly timeframe: Timeframe | 'trades';
  readonly count: number;
  /** Start of the oldest and newest candle (or timestamps of the oldest and newest trade). */
  readonly first: number;
  readonly last: number;
}

/**
 * Historical market data in a local store (its own SQLite file by default). Reads are synchronous
 * iterators in ascending time so a backtest can stream a year of candles without holding them.
 * Gaps are kept as Upbit leaves them: an interval without a trade has no candle.
 */
export interface MarketHistory {
  /** Candles with `from <= start < to`, oldest first. */
  candles(market: string, timeframe: Timeframe, from: number, to: number): Iterable<StoredCandle>;
  /** Recorded trades with `from <= timestamp < to`, by (timestamp, sequentialId). */
  trades(market: string, from: number, to: number): Iterable<RecordedTrade>;
  /** Inserts or replaces candles by key, in one transaction. */
  saveCandles(candles: readonly StoredCandle[]): void;
  /** Inserts trades by key, ignoring ones already stored, in one transaction. */
  recordTrades(trades: readonly RecordedTrade[]): void;
  coverage(): HistoryCoverage[];
  close(): void;
}

export const MARKET_HISTORY = Symbol('MARKET_HISTORY');
