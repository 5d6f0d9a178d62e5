import type { Timeframe } from '@trader/domain';

/** Candles of `timeframe` with `from <= start < to` for each market. */
export interface CandleDownloadRequest {
  readonly markets: readonly string[];
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
}

/** Reported after every saved page. */
export interface DownloadProgress {
  /** The market whose page was just saved. */
  readonly market: string;
  /** Candles saved in this run, all markets. */
  readonly candles: number;
  readonly pages: number;
  /** Of the time range this run had to fetch (all markets, ms), how much is done. */
  readonly spanDone: number;
  readonly spanTotal: number;
  readonly elapsedMs: number;
  readonly candlesPerSecond: number;
  /** Estimated from the pace so far; null before the first page. */
  readonly etaMs: number | null;
}

export interface MarketDownloadSummary {
  readonly market: string;
  /** Candles saved by this run. */
  readonly candles: number;
  /** Time of the range that earlier runs had already downloaded, skipped (ms). */
  readonly skippedMs: number;
}

export interface DownloadSummary {
  /** False when the signal stopped it: what was saved stays, and a rerun fetches only the rest. */
  readonly completed: boolean;
  readonly candles: number;
  readonly pages: number;
  /** Pages fetched again after the exchange client gave up on a 429 or an outage. */
  readonly pageRetries: number;
  /** The range actually fetched ends here: the candle still forming at the start is never stored. */
  readonly to: number;
  readonly markets: readonly MarketDownloadSummary[];
}

export interface DownloadRunOptions {
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Stops between pages; the pages saved so far are kept. */
  readonly signal?: AbortSignal;
}
