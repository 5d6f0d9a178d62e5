import { CompiledStrategy, Values } from './compiled-strategy';
import { selectDecision } from './conflict-policy';
import { ManagementState } from './management-state';
import { ManagementRule, Sizing } from './strategy-definition';
import { StrategyDecision } from './strategy-decision';

/** The open position as the rules see it (numbers: these are thresholds, not accounting). */
export interface PositionView {
  readonly averagePrice: number;
}

export interface PriceRange {
  readonly high: number | null;
  readonly low: number | null;
}

export interface EvaluationInput {
  readonly at: number;
  readonly price: number;
  /** Current variable values by key, including `price` and, with a position, `profit_pct`. */
  readonly values: Values;
  /** The values at the previous evaluation (for crosses above/below), null on the first. */
  readonly previous: Values | null;
  readonly position: PositionView | null;
  readonly management: ManagementState;
  /** High and low of the ticks of the last `windowMs` (crash exit, surge guard). */
  readonly window: (windowMs: number) => PriceRange;
}

export interface Evaluation {
  /** The decision the conflict policy chose, or null: nothing to do. */
  readonly decision: StrategyDecision | null;
  /** Everything that fired, in declaration order: the audit trail of the choice. */
  readonly fired: readonly StrategyDecision[];
  readonly management: ManagementState;
}

const pct = (percent: number): number => percent / 100;

function evaluateRule(
  rule: ManagementRule,
  input: EvaluationInput,
  position: PositionView,
  state: ManagementState,
  sizing: Sizing,
  addsSuspended: boolean,
  pyramidingDone: boolean,
): { decision: StrategyDecision | null; state: ManagementState } {
  const { price } = input;
  const none = { decision: null, state };
  switch (rule.kind) {
    case 'pyramiding': {
      const base = state.lastBuyPrice;
      if (addsSuspended || state.pyramidingAdds >= rule.maxAdds || base === null || price < base * (1 + pct(rule.stepPercent))) return none;
      return { decision: { action: 'add', ruleId: rule.id, reason: 'pyramiding', sizing: rule.sizing ?? sizing }, state };
    }
    case 'averaging_down':
      if (addsSuspended || state.averagingDownAdds >= rule.maxAdds || price > position.averagePrice * (1 - pct(rule.stepPercent))) return none;
      return { decision: { action: 'add', ruleId: rule.id, reason: 'averaging_down', sizing: rule.sizing ?? sizing }, state };
    case 'take_profit': {
      const base = rule.basis === 'average' ? position.averagePrice : state.lastBuyPrice;
      if ((rule.afterPyramiding && !pyramidingDone) || base === null || price < base * (1 + pct(rule.profitPercent))) return none;
      return { decision: { action: 'close', ruleId: rule.id, reason: 'take_profit' }, state };
    }
    case 'stop_loss':
      if (price > position.averagePrice * (1 - pct(rule.lossPercent))) return none;
      return { decision: { action: 'close', ruleId: rule.id, reason: 'stop_loss' }, state };
    case 'trailing_stop': {
      const high = state.highSinceEntry ?? price;
      const stopPrice = high * (1 - pct(rule.dropPercent));
      if (state.trailingStopArmed && price <= stopPrice) {
        return { decision: { action: 'close', ruleId: rule.id, reason: 'trailing_stop' }, state };
      }
      const arming = !state.trailingStopArmed && price >= position.averagePrice * (1 + pct(rule.activationPercent));
      const previousHigh = input.management.highSinceEntry;
      const raised = state.trailingStopArmed && previousHigh !== null && price > previousHigh;
      if (!arming && !raised) return none;
      return { decision: { action: 'update_stop', ruleId: rule.id, stopPrice }, state: { ...state, trailingStopArmed: true } };
    }
    case 'crash_exit': {
      const { high } = input.window(rule.windowMs);
      if (high === null || price > high * (1 - pct(rule.dropPercent))) return none;
      return { decision: { action: 'close', ruleId: rule.id, reason: 'crash_exit' }, state };
    }
    case 'surge_guard': {
      const { low } = input.window(rule.windowMs);
      // Fires once per surge: while adds are already suspended, the guard stays quiet.
      if (addsSuspended || low === null || price < low * (1 + pct(rule.risePercent))) return none;
      return {
        decision: { action: 'hold', ruleId: rule.id, reason: 'surge_guard' },
        state: { ...state, addsSuspendedUntil: input.at + rule.windowMs },
      };
    }
  }
}

function evaluateOpen(strategy: CompiledStrategy, input: EvaluationInput, position: PositionView): Evaluation {
  const { definition } = strategy;
  let state: ManagementState = { ...input.management, highSinceEntry: Math.max(input.management.highSinceEntry ?? input.price, input.price) };
  const addsSuspended = state.addsSuspendedUntil !== null && input.at < state.addsSuspendedUntil;
  const pyramiding = strategy.rules.find((r) => r.kind === 'pyramiding');
  const pyramidingDone = pyramiding !== undefined && state.pyramidingAdds >= pyramiding.maxAdds;
  const fired: StrategyDecision[] = [];
  for (const rule of strategy.rules) {
    const result = evaluateRule(rule, input, position, state, definition.sizing, addsSuspended, pyramidingDone);
    state = result.state;
    if (result.decision) fired.push(result.decision);
  }
  for (const { trigger, test } of strategy.management) {
    if (!test(input.values, input.previous)) continue;
    if (trigger.action === 'add' && !addsSuspended) {
      fired.push({ action: 'add', ruleId: trigger.id, reason: 'management_trigger', sizing: definition.sizing });
    } else if (trigger.action === 'close') {
      fired.push({ action: 'close', ruleId: trigger.id, reason: 'management_trigger' });
    } else if (trigger.action === 'hold') {
      fired.push({ action: 'hold', ruleId: trigger.id, reason: 'management_trigger' });
    }
  }
  for (const { trigger, test } of strategy.exit) {
    if (test(input.values, input.previous)) fired.push({ action: 'close', ruleId: trigger.id, reason: 'exit_trigger' });
  }
  return { decision: selectDecision(strategy, fired), fired, management: state };
}

/**
 * One evaluation of a strategy on one market at one tick: pure, deterministic, no allocation beyond the
 * result. Entry triggers run only without a position; management rules, management and exit triggers
 * only with one. A disabled strategy decides nothing.
 */
export function evaluateStrategy(strategy: CompiledStrategy, input: EvaluationInput): Evaluation {
  if (!strategy.definition.enabled) return { decision: null, fired: [], management: input.management };
  if (input.position) return evaluateOpen(strategy, input, input.position);
  const fired: StrategyDecision[] = [];
  for (const { trigger, test } of strategy.entry) {
    if (test(input.values, input.previous)) fired.push({ action: 'enter', ruleId: trigger.id, sizing: strategy.definition.sizing });
  }
  return { decision: fired[0] ?? null, fired, management: input.management };
}
