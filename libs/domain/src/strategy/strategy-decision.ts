import { ManagementRuleKind, Sizing } from './strategy-definition';

export type CloseReason = 'take_profit' | 'stop_loss' | 'trailing_stop' | 'crash_exit' | 'exit_trigger' | 'management_trigger';
export type AddReason = 'pyramiding' | 'averaging_down' | 'management_trigger';

/** What a strategy wants on this tick, and which rule or trigger said so. Plain data. */
export type StrategyDecision =
  | { readonly action: 'enter'; readonly ruleId: string; readonly sizing: Sizing }
  | { readonly action: 'add'; readonly ruleId: string; readonly reason: AddReason; readonly sizing: Sizing }
  | { readonly action: 'close'; readonly ruleId: string; readonly reason: CloseReason }
  | { readonly action: 'update_stop'; readonly ruleId: string; readonly stopPrice: number }
  | { readonly action: 'hold'; readonly ruleId: string; readonly reason: ManagementRuleKind | 'management_trigger' };

export type DecisionAction = StrategyDecision['action'];
