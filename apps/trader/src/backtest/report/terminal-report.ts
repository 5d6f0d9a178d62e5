import type { BacktestReport, TradeBreakdown } from '@trader/application';
import { BREAKDOWN_HEADER, breakdownCells } from './breakdown-columns';
import { formatDecimal, formatDuration, formatTime, printable } from './report-format';
import { summaryRows } from './summary-rows';
import { renderTextTable } from './text-table';

/**
 * The report for a terminal: the run in three lines, the headline figures in two columns of label and
 * value, the per-market and per-exit-rule tables, and the trades' sha256. Ends with a newline.
 */
export function renderTerminalReport(report: BacktestReport): string {
  const { run } = report;
  const lines = [
    `Backtest ${printable(run.strategyId)} v${run.strategyVersion} on ${run.markets.map(printable).join(', ')} (${run.timeframe})`,
    `${formatTime(run.from)} to ${formatTime(run.to)} UTC (${formatDuration(run.to - run.from)}), ${run.candlesProcessed} candles, ${run.decisions} decisions`,
    `${formatDecimal(run.initialQuote)} KRW -> ${formatDecimal(run.finalEquity)} KRW, fee ${run.feeRate} per side, slippage ${run.slippageBps} bps`,
    '',
    ...summaryColumns(summaryRows(report)),
    '',
    'Per market',
    ...breakdownTable('Market', report.metrics.byMarket),
    '',
    'Per exit rule',
    ...breakdownTable('Exit rule', report.metrics.byExitRule),
    '',
    `trades sha256 ${report.tradesSha256}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Label/value pairs in two side-by-side columns, so the summary fits a screen. */
function summaryColumns(rows: readonly [string, string][]): string[] {
  const half = Math.ceil(rows.length / 2);
  const paired = rows.slice(0, half).map(([label, value], index) => {
    const right = rows[half + index] ?? ['', ''];
    return [label, value, right[0], right[1]];
  });
  return renderTextTable(['Metric', 'Value', 'Metric', 'Value'], paired, ['left', 'right', 'left', 'right']);
}

function breakdownTable(title: string, breakdowns: readonly TradeBreakdown[]): string[] {
  if (breakdowns.length === 0) return ['(no trades)'];
  const rows = breakdowns.map((breakdown) => [printable(breakdown.key), ...breakdownCells(breakdown.stats)]);
  return renderTextTable([title, ...BREAKDOWN_HEADER], rows, ['left', ...BREAKDOWN_HEADER.map(() => 'right' as const)]);
}
