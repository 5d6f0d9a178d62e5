import type { ManagementState, StrategyDecision } from '@trader/domain';

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
  /** What the runner did about it; `order_failed`: placing the order threw (`detail` says why). */
  outcome: 'order_requested' | 'order_denied' | 'order_failed' | 'recorded' | 'skipped';
  orderId: string | null;
  detail: string | null;
  /** The strategy's management state after this decision: what a restart restores. */
  management: ManagementState;
  at: number;
  /** Time of the trade (or candle path point) the decision was taken on; absent on decisions recorded before it existed. */
  tickAt?: number;
}

/** The management state changed because an order of the strategy settled (a buy counted, a position closed). */
export interface StrategyManagementSavedData {
  strategyId: string;
  market: string;
  management: ManagementState;
  at: number;
}

export const STRATEGY_DECIDED = 'StrategyDecided';
export const STRATEGY_MANAGEMENT_SAVED = 'StrategyManagementSaved';
export const decisionStream = (strategyId: string): string => `decisions-${strategyId}`;
