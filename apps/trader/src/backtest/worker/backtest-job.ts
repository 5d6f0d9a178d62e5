import type { BacktestOptions, BacktestProgress, BacktestReport, BacktestRun } from '@trader/application';

/**
 * One backtest as plain data, so it can cross into a worker thread (BacktestOptions holds functions and
 * an AbortSignal, which cannot): the worker rebuilds the options and opens the history itself.
 */
export interface BacktestJob extends Pick<BacktestOptions, 'strategy' | 'markets' | 'from' | 'to' | 'initialQuote' | 'feeRate' | 'slippageBps' | 'risk'> {
  readonly source: NonNullable<BacktestOptions['source']>;
  /** The candle store (SQLite) the run reads, opened read-only. */
  readonly historyPath: string;
  readonly keepEventsPath?: string;
  /** Send the whole run back (equity, trades, chart candles) as well as the report: the HTML report needs it. */
  readonly includeRun?: boolean;
  /** Progress messages every this many processed items (default: the engine's). */
  readonly progressEvery?: number;
}

export interface BacktestJobResult {
  readonly report: BacktestReport;
  /** Present when the job asked for it (`includeRun`). */
  readonly run: BacktestRun | null;
  readonly eventsPath: string | null;
}

/** Messages from the pool to a worker. */
export interface RunJobMessage {
  readonly kind: 'run';
  readonly jobId: number;
  readonly job: BacktestJob;
}

/** Messages from a worker to the pool. */
export type WorkerMessage =
  | { readonly kind: 'progress'; readonly jobId: number; readonly progress: BacktestProgress }
  | { readonly kind: 'done'; readonly jobId: number; readonly result: BacktestJobResult }
  | { readonly kind: 'failed'; readonly jobId: number; readonly error: { readonly name: string; readonly message: string } };
