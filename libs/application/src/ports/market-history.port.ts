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

/**
 * A run of stored candles as number columns, oldest first: what a backtest's per-candle loop reads
 * instead of one object of decimal strings per candle. The numbers are `Number(text)` of the stored
 * decimals. `texts` is null when every price of the run prints back as its stored text
 * (`String(price) === text`), so `String(price)` is the exact decimal; otherwise it holds the stored
 * texts, and the exact price is taken from them.
 */
export interface CandleColumns {
  readonly count: number;
  readonly start: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly texts: CandlePriceTexts | null;
}

/** The stored decimal text of each price of a `CandleColumns`, by row. */
export interface CandlePriceTexts {
  readonly open: readonly string[];
  readonly high: readonly string[];
  readonly low: readonly string[];
  readonly close: readonly string[];
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
  /** The same candles as `candles`, as number columns (a store that keeps them so); a backtest reads `candles` otherwise. */
  candleColumns?(market: string, timeframe: Timeframe, from: number, to: number): Iterable<CandleColumns>;
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
