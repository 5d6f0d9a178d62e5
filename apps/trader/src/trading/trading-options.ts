import type { RiskLimits } from '@trader/domain';
import type { TraderFaults } from '../config/trader-config';

export interface TradingOptions {
  /** Markets the trader watches and reconciles. */
  readonly markets: readonly string[];
  readonly risk: RiskLimits;
  /** An order that has not left this long after it was submitted is refused as stale, never sent late. */
  readonly orderStaleMs?: number;
  /** Faults to inject (`TRADER_FAULTS`, paper mode only); none when absent. */
  readonly faults?: TraderFaults;
}
