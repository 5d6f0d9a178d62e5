import type { BacktestReport } from '@trader/application';

/** A run's headline figures: what the admin API shows of a finished job and sweep.json of each run. */
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
