import type { BacktestReport } from '@trader/application';
import { formatDecimal, formatDuration, formatPct, formatRatio } from './report-format';

/** The headline figures, as label and value, shared by the terminal and the HTML summary. */
export function summaryRows(report: BacktestReport): [string, string][] {
  const { metrics } = report;
  const { maxDrawdown, trades } = metrics;
  const recovery = maxDrawdown.depthPct > 0 && maxDrawdown.recoveredAt === null ? ' (not recovered)' : '';
  return [
    ['Total return', formatPct(metrics.totalReturnPct)],
    ['CAGR', formatPct(metrics.cagrPct)],
    ['Max drawdown', formatPct(maxDrawdown.depthPct === 0 ? 0 : -maxDrawdown.depthPct)],
    ['Drawdown duration', `${formatDuration(maxDrawdown.durationMs)}${recovery}`],
    ['Sharpe (daily, 365)', formatRatio(metrics.sharpe)],
    ['Sortino (daily, 365)', formatRatio(metrics.sortino)],
    ['Calmar', formatRatio(metrics.calmar)],
    ['Exposure', formatPct(metrics.exposurePct)],
    ['Trades', trades.openAtEnd > 0 ? `${trades.trades} (${trades.openAtEnd} open at end)` : String(trades.trades)],
    ['Win rate', formatPct(trades.winRatePct)],
    ['Profit factor', formatRatio(trades.profitFactor)],
    ['Expectancy (KRW/trade)', formatDecimal(trades.expectancy)],
    ['Average trade', formatPct(trades.averageTradePct)],
    ['Best trade', `${formatPct(trades.bestTradePct)} / ${formatDecimal(trades.bestTradePnl)} KRW`],
    ['Worst trade', `${formatPct(trades.worstTradePct)} / ${formatDecimal(trades.worstTradePnl)} KRW`],
    ['Net PnL (KRW)', formatDecimal(trades.netPnl)],
    ['Fees paid (KRW)', formatDecimal(trades.fees)],
  ];
}
