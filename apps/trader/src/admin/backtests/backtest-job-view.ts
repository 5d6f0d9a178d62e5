import type { BacktestSummary } from '../../backtest/backtest-summary';

export type BacktestJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What GET /api/v1/backtests/:id (and the GraphQL `backtest` query) shows of a job. */
export interface BacktestJobView {
  readonly id: string;
  readonly status: BacktestJobStatus;
  readonly strategyId: string;
  readonly markets: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly submittedAt: string;
  /** Items (candles or trades) processed, the run's time reached, and the share of the range done. */
  readonly progress: { readonly processed: number; readonly at: string | null; readonly percent: number };
  readonly error: string | null;
  /** The headline figures, once done. */
  readonly summary: BacktestSummary | null;
}

/** A finished job's equity curve (GET /api/v1/backtests/:id/equity), down-sampled by the engine. */
export interface BacktestEquityView {
  readonly intervalMs: number;
  readonly points: readonly { readonly at: number; readonly equity: number }[];
}
