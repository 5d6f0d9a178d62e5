import type { TradeStats } from '@trader/application';
import { formatDecimal, formatDuration, formatPct, formatRatio } from './report-format';

/** The trade statistics every breakdown table shows, in the terminal and in HTML alike. */
export const BREAKDOWN_HEADER = ['Trades', 'Win rate', 'Profit factor', 'Expectancy', 'Net PnL', 'Fees', 'Avg trade', 'Best', 'Worst', 'Avg hold'] as const;

export function breakdownCells(stats: TradeStats): string[] {
  return [
    String(stats.trades),
    formatPct(stats.winRatePct),
    formatRatio(stats.profitFactor),
    formatDecimal(stats.expectancy),
    formatDecimal(stats.netPnl),
    formatDecimal(stats.fees),
    formatPct(stats.averageTradePct),
    formatPct(stats.bestTradePct),
    formatPct(stats.worstTradePct),
    formatDuration(stats.averageHoldingMs),
  ];
}
