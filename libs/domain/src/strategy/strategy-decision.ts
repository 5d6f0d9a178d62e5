import { Sizing } from './strategy-definition';

export type CloseReason = 'take_profit' | 'stop_loss' | 'trailing_stop' | 'crash_exit' | 'exit_trigger' | 'management_trigger';
export type AddReason = 'pyramiding' | 'averaging_down' | 'management_trigger';

/** An add that rides along in the same order under the merge policy (it counts against its own rule). */
export interface MergedAdd {
  readonly ruleId: string;
  readonly reason: AddReason;
  readonly sizing: Sizing;
}

/** A close that fired on the same tick as the one chosen under the merge policy (for the audit trail). */
export interface MergedClose {
  readonly ruleId: string;
  readonly reason: CloseReason;
}

/**
 * What a strategy wants on this tick, and which rule or trigger said so. Plain data. Every decision but
 * `hold` is an order; state kept by the management step (the trailing stop level, pyramiding stopped by
 * a surge, entries paused after a crash) is never a decision, so it can never outrank one.
 */
export type StrategyDecision =
  | { readonly action: 'enter'; readonly ruleId: string; readonly sizing: Sizing }
  | { readonly action: 'add'; readonly ruleId: string; readonly reason: AddReason; readonly sizing: Sizing; readonly merged?: readonly MergedAdd[] }
  | { readonly action: 'close'; readonly ruleId: string; readonly reason: CloseReason; readonly merged?: readonly MergedClose[] }
  | { readonly action: 'hold'; readonly ruleId: string; readonly reason: 'management_trigger' };

export type DecisionAction = StrategyDecision['action'];
