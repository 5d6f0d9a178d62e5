import { Protections } from '../risk/protections';
import { VariableName } from './variables';

/**
 * A strategy as data: what is exported and imported as JSON and stored in StrategyDefined events.
 * Percentages are plain numbers (5 means 5%); amounts of money are decimal strings.
 */
export interface StrategyDefinition {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly description?: string;
  readonly enabled: boolean;
  readonly markets: readonly string[];
  /** The candle interval indicators are computed on. */
  readonly timeframe: Timeframe;
  readonly sizing: Sizing;
  readonly triggers: readonly Trigger[];
  readonly management: readonly ManagementRule[];
  readonly conflictPolicy: ConflictPolicy;
  /**
   * The risk policy's protections this strategy asks for (cooldown, stop-loss guard, ...): defining or
   * revising it configures them, for every market, as `PUT /risk/protections` would.
   */
  readonly protections?: Protections;
}

export const TIMEFRAMES = ['1m', '3m', '5m', '10m', '15m', '30m', '60m', '240m', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** fixed_quote: spend a fixed amount of the quote currency (KRW); balance_percent: a share of the available balance. */
export type Sizing = { readonly kind: 'fixed_quote'; readonly amount: string } | { readonly kind: 'balance_percent'; readonly percent: string };

/** entry: only without a position; management and exit: only with one. */
export type TriggerKind = 'entry' | 'management' | 'exit';
export type ManagementAction = 'add' | 'close' | 'hold';

export interface Trigger {
  readonly id: string;
  readonly kind: TriggerKind;
  /** For management triggers only: what firing means. */
  readonly action?: ManagementAction;
  readonly condition: Condition;
}

export type Condition = { readonly all: readonly Condition[] } | { readonly any: readonly Condition[] } | Comparison;

/** The original's set (`> < >= <= == != ~=`), `approx` as another spelling of `~=`, and the two crosses. */
export const OPERATORS = ['>', '<', '>=', '<=', '==', '!=', '~=', 'approx', 'crosses_above', 'crosses_below'] as const;
export type Operator = (typeof OPERATORS)[number];
export const APPROX_OPERATORS: readonly Operator[] = ['~=', 'approx'];

/** `~=` (or `approx`): |left - right| <= tolerance x |right|, tolerance a fraction (default 0.05). Kept as written. */
export interface Comparison {
  readonly left: VariableOperand;
  readonly operator: Operator;
  readonly right: Operand;
  readonly tolerance?: number;
}

export interface VariableOperand {
  readonly variable: VariableName;
  readonly params?: Readonly<Record<string, number>>;
}
export type Operand = VariableOperand | { readonly value: number };

export const DEFAULT_APPROX_TOLERANCE = 0.05;

export type ManagementRule =
  /** Add each time the price is stepPercent above the last buy, up to maxAdds times. */
  | { readonly id: string; readonly kind: 'pyramiding'; readonly stepPercent: number; readonly maxAdds: number; readonly sizing?: Sizing }
  /** Add each time the price is stepPercent below the average entry price, up to maxAdds times. */
  | { readonly id: string; readonly kind: 'averaging_down'; readonly stepPercent: number; readonly maxAdds: number; readonly sizing?: Sizing }
  /** Close at profitPercent above the basis price; with afterPyramiding, only once every pyramiding add is done. */
  | {
      readonly id: string;
      readonly kind: 'take_profit';
      readonly profitPercent: number;
      readonly basis: 'average' | 'last_buy';
      readonly afterPyramiding: boolean;
    }
  /** Close at lossPercent below the average entry price. */
  | { readonly id: string; readonly kind: 'stop_loss'; readonly lossPercent: number }
  /** Armed once the price is activationPercent above the average; closes on a dropPercent fall from the high. */
  | { readonly id: string; readonly kind: 'trailing_stop'; readonly activationPercent: number; readonly dropPercent: number }
  /**
   * Close at once, whatever else fires, when the price is dropPercent below the highest price of the last
   * windowMs; then no entry on the market for pauseEntriesMs (none when absent).
   */
  | { readonly id: string; readonly kind: 'crash_exit'; readonly dropPercent: number; readonly windowMs: number; readonly pauseEntriesMs?: number }
  /** Stop pyramiding for the rest of the position when the price is risePercent above the lowest price of the last windowMs. */
  | { readonly id: string; readonly kind: 'surge_guard'; readonly risePercent: number; readonly windowMs: number };

export type ManagementRuleKind = ManagementRule['kind'];

/**
 * How to choose when several management rules and triggers fire on one tick. A crash exit wins under
 * every policy. conservative: hold > close > add (ties: declaration order, rules before triggers);
 * priority: the first fired id in `order`; merge: all adds as one order, or all closes as one, and
 * conservative when a hold or both directions fired. Never more than one order per market per tick.
 */
export type ConflictPolicy =
  | { readonly kind: 'conservative' }
  | { readonly kind: 'priority'; readonly order: readonly string[] }
  | { readonly kind: 'merge' };
