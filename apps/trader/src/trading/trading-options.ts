import type { RiskLimits } from '@trader/domain';

export interface TradingOptions {
  /** Markets the trader watches and reconciles. */
  readonly markets: readonly string[];
  readonly risk: RiskLimits;
}
