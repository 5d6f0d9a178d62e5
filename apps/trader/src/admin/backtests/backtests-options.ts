import type { RiskLimits } from '@trader/domain';

export interface BacktestsOptions {
  /** The candle store backtests read (TRADER_HISTORY_DB). */
  readonly historyPath: string;
  /** The risk policy a backtest trades under: the trader's own limits. */
  readonly risk: RiskLimits;
  /**
   * Where each job's event store is kept (`<id>.db`), so its events can be read back through the API
   * as a kept `trader backtest --keep-events` run can; a forgotten job's file is removed.
   */
  readonly eventsDir: string;
  /** Worker threads (default: one per core but one, which is left to the trading loop). */
  readonly workers?: number;
}
