import type { DecimalString, Timeframe } from '@trader/domain';
import type { BacktestMetrics } from './backtest-metrics';

/** What the run was: the settings and sizes, without its series. */
export interface BacktestRunSummary {
  readonly strategyId: string;
  readonly strategyVersion: number;
  readonly markets: readonly string[];
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
  readonly initialQuote: DecimalString;
  readonly finalEquity: DecimalString;
  readonly feeRate: DecimalString;
  readonly slippageBps: number;
  readonly decisions: number;
  readonly candlesProcessed: number;
}

/**
 * The report of a backtest: the JSON file's content (schemaVersion 1) and the input of every renderer.
 * The per-market and per-exit-rule breakdowns are in `metrics.byMarket` and `metrics.byExitRule`.
 */
export interface BacktestReport {
  readonly schemaVersion: 1;
  readonly run: BacktestRunSummary;
  readonly metrics: BacktestMetrics;
  /** sha256 of the canonical trade list (`canonicalTrades`): equal digests, equal trades. */
  readonly tradesSha256: string;
}
