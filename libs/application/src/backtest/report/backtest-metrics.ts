import type { DecimalString } from '@trader/domain';

/**
 * Statistics over a set of round trips (all trades, or those of one market or one exit rule). Money is
 * an exact decimal string in KRW; ratios and percentages are numbers. A statistic that has no value for
 * the set (no trades, no losing trade for a ratio of losses) is null, never NaN; the one exception is
 * `profitFactor`, which is Infinity when there are profits and no losses (renderers print "inf").
 * Trades still open at the end of the run count, valued at the last price (`exitRule` 'end_of_run').
 */
export interface TradeStats {
  readonly trades: number;
  /** pnl > 0. */
  readonly wins: number;
  /** pnl < 0; a trade at exactly 0 is neither. */
  readonly losses: number;
  /** Trades still open at the end of the run (`closedAt` null). */
  readonly openAtEnd: number;
  /** wins / trades x 100. */
  readonly winRatePct: number | null;
  /** Gross profit / gross loss; Infinity with profits and no loss; null with neither. */
  readonly profitFactor: number | null;
  /** Net pnl / trades: the average trade in KRW, rounded half-even to 2 decimals. */
  readonly expectancy: DecimalString | null;
  /** Sum of the positive pnls. */
  readonly grossProfit: DecimalString;
  /** Sum of the negative pnls, as a positive amount. */
  readonly grossLoss: DecimalString;
  readonly netPnl: DecimalString;
  readonly fees: DecimalString;
  /** Average pnl of the winning / losing trades, rounded half-even to 2 decimals. */
  readonly averageWin: DecimalString | null;
  readonly averageLoss: DecimalString | null;
  /** Mean of the trades' `returnPct`. */
  readonly averageTradePct: number | null;
  /** Highest and lowest `returnPct`, and highest and lowest pnl (possibly of other trades). */
  readonly bestTradePct: number | null;
  readonly worstTradePct: number | null;
  readonly bestTradePnl: DecimalString | null;
  readonly worstTradePnl: DecimalString | null;
  /** Mean time from the first buy to the closing sell (or to the end of the run). */
  readonly averageHoldingMs: number | null;
}

/** Trade statistics of the trades sharing one key: a market, or the exit rule that closed them. */
export interface TradeBreakdown {
  readonly key: string;
  readonly stats: TradeStats;
}

/**
 * The deepest fall of equity below a previous peak. `depthPct` is positive (10 = equity fell 10% below
 * the peak). The duration runs from the peak to the first point back at or above it, or to the end of
 * the run when equity never recovered (`recoveredAt` null).
 */
export interface MaxDrawdown {
  readonly depthPct: number;
  readonly peakAt: number;
  readonly troughAt: number;
  readonly recoveredAt: number | null;
  readonly durationMs: number;
}

/** What `computeMetrics` derives from a run; conventions in docs/backtesting.md, "Report metrics". */
export interface BacktestMetrics {
  /** (final equity - initial quote) / initial quote x 100. */
  readonly totalReturnPct: number;
  /** Annual growth rate over the run's calendar span (from..to, years of 365 days). */
  readonly cagrPct: number | null;
  readonly maxDrawdown: MaxDrawdown;
  /** Daily returns: equity resampled at UTC day ends, risk-free 0, annualised with sqrt(365). */
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** CAGR / max drawdown depth. */
  readonly calmar: number | null;
  /** Number of daily returns the ratios were computed from (UTC days the run touches). */
  readonly days: number;
  /** Share of the run during which at least one position was open. */
  readonly exposurePct: number;
  readonly trades: TradeStats;
  /** One entry per market of the run, in the run's order (markets without trades included). */
  readonly byMarket: readonly TradeBreakdown[];
  /** One entry per exit rule that closed a trade, sorted by rule id (code-unit order). */
  readonly byExitRule: readonly TradeBreakdown[];
}
