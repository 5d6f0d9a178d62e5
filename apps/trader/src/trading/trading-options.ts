import type { RiskLimits } from '@trader/domain';

export interface TradingOptions {
  /** Markets the trader watches and reconciles. */
  readonly markets: readonly string[];
  readonly risk: RiskLimits;
  /** An order that has not left this long after it was submitted is refused as stale, never sent late. */
  readonly orderStaleMs?: number;
}
