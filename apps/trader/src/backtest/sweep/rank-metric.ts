import type { BacktestReport } from '@trader/application';
import { CliUsageError } from '../../cli/cli-output';

export const RANK_METRICS = ['total_return', 'cagr', 'sharpe', 'sortino', 'calmar', 'profit_factor', 'win_rate', 'max_drawdown'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

export function parseRankMetric(text: string): RankMetric {
  const metric = RANK_METRICS.find((m) => m === text);
  if (!metric) throw new CliUsageError(`--rank-by "${text}" is not one of ${RANK_METRICS.join(', ')}`);
  return metric;
}

/** The report's figure for a metric; null when the run has none (no trades, no daily returns). */
export function metricValue(report: BacktestReport, metric: RankMetric): number | null {
  const m = report.metrics;
  switch (metric) {
    case 'total_return':
      return m.totalReturnPct;
    case 'cagr':
      return m.cagrPct;
    case 'sharpe':
      return m.sharpe;
    case 'sortino':
      return m.sortino;
    case 'calmar':
      return m.calmar;
    case 'profit_factor':
      return m.trades.profitFactor;
    case 'win_rate':
      return m.trades.winRatePct;
    case 'max_drawdown':
      return m.maxDrawdown.depthPct;
  }
}

/**
 * Orders two reports best first by a metric: larger is better except for max_drawdown; a missing
 * figure ranks after every present one. Returns 0 on a tie, which the caller breaks by grid order so
 * the ranking never depends on which worker finished first.
 */
export function compareByMetric(a: BacktestReport, b: BacktestReport, metric: RankMetric): number {
  const x = metricValue(a, metric);
  const y = metricValue(b, metric);
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
  if (x === y) return 0;
  const better = metric === 'max_drawdown' ? x < y : x > y;
  return better ? -1 : 1;
}
