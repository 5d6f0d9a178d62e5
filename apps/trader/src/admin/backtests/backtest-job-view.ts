import type { BacktestReport } from '@trader/application';

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

export interface BacktestSummary {
  readonly totalReturnPct: number;
  readonly cagrPct: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdownPct: number;
  readonly winRatePct: number | null;
  /** "inf" with profits and no loss (JSON has no infinity). */
  readonly profitFactor: number | 'inf' | null;
  readonly trades: number;
  readonly finalEquity: string;
  readonly tradesSha256: string;
}

export function backtestSummary(report: BacktestReport): BacktestSummary {
  const m = report.metrics;
  return {
    totalReturnPct: m.totalReturnPct,
    cagrPct: m.cagrPct,
    sharpe: m.sharpe,
    sortino: m.sortino,
    calmar: m.calmar,
    maxDrawdownPct: m.maxDrawdown.depthPct,
    winRatePct: m.trades.winRatePct,
    profitFactor: m.trades.profitFactor === Infinity ? 'inf' : m.trades.profitFactor,
    trades: m.trades.trades,
    finalEquity: report.run.finalEquity,
    tradesSha256: report.tradesSha256,
  };
}
