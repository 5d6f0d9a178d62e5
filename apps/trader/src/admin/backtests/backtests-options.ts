import type { RiskLimits } from '@trader/domain';

export interface BacktestsOptions {
  /** The candle store backtests read (TRADER_HISTORY_DB). */
  readonly historyPath: string;
  /** The risk policy a backtest trades under: the trader's own limits. */
  readonly risk: RiskLimits;
  /** Worker threads (default: one per core but one, which is left to the trading loop). */
  readonly workers?: number;
}
