import type { StrategyDecision } from '@trader/domain';

/**
 * A strategy decided something on a tick. Stored in stream `decisions-<strategy id>`; its event id is
 * the correlation id of the order it leads to, so decision, order, fills and position change form one
 * chain in the event log.
 */
export interface StrategyDecidedData {
  strategyId: string;
  market: string;
  decision: StrategyDecision;
  /** The tick price the decision was made at, as a decimal string. */
  price: string;
  /** What the runner did about it. */
  outcome: 'order_placed' | 'order_denied' | 'recorded' | 'skipped';
  orderId: string | null;
  detail: string | null;
  at: number;
}

export const STRATEGY_DECIDED = 'StrategyDecided';
export const decisionStream = (strategyId: string): string => `decisions-${strategyId}`;
