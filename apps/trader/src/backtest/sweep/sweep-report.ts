import type { BacktestReport } from '@trader/application';
import { backtestSummary } from '../backtest-summary';
import { formatPct, formatRatio, formatTime } from '../report/report-format';
import { renderTextTable } from '../report/text-table';
import type { OutOfSampleAggregate, SweepResult, WalkForwardResult } from './run-sweep';
import type { RankMetric } from './rank-metric';
import { formatParameterSet } from './sweep-parameter';

const SHA_PREFIX = 12;
const HEADER = ['Total return', 'CAGR', 'Sharpe', 'Sortino', 'Max DD', 'Win rate', 'PF', 'Trades', 'sha256'];

function figures(report: BacktestReport): string[] {
  const m = report.metrics;
  return [
    formatPct(m.totalReturnPct),
    formatPct(m.cagrPct),
    formatRatio(m.sharpe),
    formatRatio(m.sortino),
    formatPct(m.maxDrawdown.depthPct),
    formatPct(m.trades.winRatePct),
    formatRatio(m.trades.profitFactor),
    String(m.trades.trades),
    report.tradesSha256.slice(0, SHA_PREFIX),
  ];
}

/** The ranked grid as a terminal table, best first. */
export function renderSweepTable(ranked: readonly SweepResult[], metric: RankMetric): string {
  const rows = ranked.map((r, i) => [String(i + 1), formatParameterSet(r.params), ...figures(r.report)]);
  const align = ['right', 'left', ...HEADER.map(() => 'right' as const)] as const;
  return [`sweep: ${ranked.length} runs ranked by ${metric}`, ...renderTextTable(['#', 'Params', ...HEADER], rows, [...align])].join('\n');
}

/** Per window: the in-sample (train) and out-of-sample (test) figures, then the out-of-sample aggregate. */
export function renderWalkForwardTable(results: readonly WalkForwardResult[], aggregate: OutOfSampleAggregate, metric: RankMetric): string {
  const rows = results.flatMap((r, i) => [
    [String(i + 1), 'train', `${formatTime(r.window.trainFrom)} .. ${formatTime(r.window.trainTo)}`, formatParameterSet(r.inSample.params) || '(as given)', ...figures(r.inSample.report)],
    ['', 'test', `${formatTime(r.window.trainTo)} .. ${formatTime(r.window.testTo)}`, '', ...figures(r.outOfSample.report)],
  ]);
  const align = ['right', 'left', 'left', 'left', ...HEADER.map(() => 'right' as const)] as const;
  return [
    `walk-forward: ${results.length} windows, parameters chosen by ${metric} on each train span`,
    ...renderTextTable(['#', 'Span', 'Range', 'Params', ...HEADER], rows, [...align]),
    '',
    `out of sample: compounded return ${formatPct(aggregate.compoundedReturnPct)}, mean return ${formatPct(aggregate.meanReturnPct)}, ` +
      `mean Sharpe ${formatRatio(aggregate.meanSharpe)}, worst drawdown ${formatPct(aggregate.worstDrawdownPct)}, trades ${aggregate.trades}`,
  ].join('\n');
}

/** What sweep.json holds of one run: its parameters and headline figures (the full reports stay out). */
function summary(result: SweepResult): Record<string, unknown> {
  return { params: Object.fromEntries(result.params), ...backtestSummary(result.report) };
}

export function sweepJson(ranked: readonly SweepResult[], metric: RankMetric): string {
  return `${JSON.stringify({ schemaVersion: 1, kind: 'sweep', rankBy: metric, runs: ranked.map((r, i) => ({ rank: i + 1, ...summary(r) })) }, null, 2)}\n`;
}

export function walkForwardJson(results: readonly WalkForwardResult[], aggregate: OutOfSampleAggregate, metric: RankMetric): string {
  const windows = results.map((r) => ({
    trainFrom: new Date(r.window.trainFrom).toISOString(),
    trainTo: new Date(r.window.trainTo).toISOString(),
    testTo: new Date(r.window.testTo).toISOString(),
    inSample: summary(r.inSample),
    outOfSample: summary(r.outOfSample),
  }));
  return `${JSON.stringify({ schemaVersion: 1, kind: 'walk_forward', rankBy: metric, windows, outOfSample: aggregate }, null, 2)}\n`;
}
