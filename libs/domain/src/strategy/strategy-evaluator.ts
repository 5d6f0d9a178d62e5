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

/**
 * The management step's own state, before any rule decides: the high since entry, whether a surge
 * stopped pyramiding (on the surge's own tick too: the add it would make is the chase the rule is
 * there to prevent), and the trailing stop level. None of this is a decision.
 */
function manage(strategy: CompiledStrategy, input: EvaluationInput, position: PositionView): ManagementState {
  const { price, management } = input;
  const highSinceEntry = Math.max(management.highSinceEntry ?? price, price);
  let pyramidingStopped = management.pyramidingStopped;
  let trailingStopPrice = management.trailingStopPrice;
  for (const rule of strategy.rules) {
    if (rule.kind === 'surge_guard' && !pyramidingStopped) {
      const { low } = input.window(rule.windowMs);
      if (low !== null && price >= low * (1 + pct(rule.risePercent))) pyramidingStopped = true;
    }
    if (rule.kind === 'trailing_stop') {
      const trailed = price * (1 - pct(rule.dropPercent));
      // Armed at the current price, not at a high from before arming: the stop never starts above the market.
      if (trailingStopPrice !== null) trailingStopPrice = Math.max(trailingStopPrice, trailed);
      else if (price >= position.averagePrice * (1 + pct(rule.activationPercent))) trailingStopPrice = trailed;
    }
  }
  // Most ticks change nothing: the state is kept as it is (no allocation per tick).
  if (highSinceEntry === management.highSinceEntry && pyramidingStopped === management.pyramidingStopped && trailingStopPrice === management.trailingStopPrice) return management;
  return { ...management, highSinceEntry, pyramidingStopped, trailingStopPrice };
}

function evaluateRule(
  rule: ManagementRule,
  input: EvaluationInput,
  position: PositionView,
  state: ManagementState,
  sizing: Sizing,
  pyramidingDone: boolean,
): StrategyDecision | null {
  const { price } = input;
  switch (rule.kind) {
    case 'pyramiding': {
      const base = state.lastBuyPrice;
      if (state.pyramidingStopped || state.pyramidingAdds >= rule.maxAdds || base === null || price < base * (1 + pct(rule.stepPercent))) return null;
      return { action: 'add', ruleId: rule.id, reason: 'pyramiding', sizing: rule.sizing ?? sizing };
    }
    case 'averaging_down':
      if (state.averagingDownAdds >= rule.maxAdds || price > position.averagePrice * (1 - pct(rule.stepPercent))) return null;
      return { action: 'add', ruleId: rule.id, reason: 'averaging_down', sizing: rule.sizing ?? sizing };
    case 'take_profit': {
      const base = rule.basis === 'average' ? position.averagePrice : state.lastBuyPrice;
      // After a surge the plan is off: the trailing stop chases the higher profit instead.
      if ((rule.afterPyramiding && (!pyramidingDone || state.pyramidingStopped)) || base === null || price < base * (1 + pct(rule.profitPercent))) return null;
      return { action: 'close', ruleId: rule.id, reason: 'take_profit' };
    }
    case 'stop_loss':
      if (price > position.averagePrice * (1 - pct(rule.lossPercent))) return null;
      return { action: 'close', ruleId: rule.id, reason: 'stop_loss' };
    case 'trailing_stop': {
      // The stop as it stood before this tick: a tick that raises it is a new high, never below it.
      const stop = input.management.trailingStopPrice;
      if (stop === null || price > stop) return null;
      return { action: 'close', ruleId: rule.id, reason: 'trailing_stop' };
    }
    case 'crash_exit': {
      const { high } = input.window(rule.windowMs);
      if (high === null || price > high * (1 - pct(rule.dropPercent))) return null;
      return { action: 'close', ruleId: rule.id, reason: 'crash_exit' };
    }
    case 'surge_guard':
      return null;
  }
}

function evaluateOpen(strategy: CompiledStrategy, input: EvaluationInput, position: PositionView): Evaluation {
  const { definition } = strategy;
  let state = manage(strategy, input, position);
  const pyramiding = strategy.pyramiding;
  const pyramidingDone = pyramiding !== null && state.pyramidingAdds >= pyramiding.maxAdds;
  const fired: StrategyDecision[] = [];
  for (const rule of strategy.rules) {
    const decision = evaluateRule(rule, input, position, state, definition.sizing, pyramidingDone);
    if (!decision) continue;
    fired.push(decision);
    if (rule.kind === 'crash_exit' && rule.pauseEntriesMs !== undefined) state = { ...state, entriesPausedUntil: input.at + rule.pauseEntriesMs };
  }
  for (const { trigger, test } of strategy.management) {
    if (!test(input.values, input.previous)) continue;
    if (trigger.action === 'add') {
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
 * result. Entry triggers run only without a position (and not while a crash exit pauses entries);
 * management rules, management and exit triggers only with one. A disabled strategy decides nothing.
 */
export function evaluateStrategy(strategy: CompiledStrategy, input: EvaluationInput): Evaluation {
  if (!strategy.definition.enabled) return { decision: null, fired: [], management: input.management };
  if (input.position) return evaluateOpen(strategy, input, input.position);
  // After a crash exit: an oversold reading now is the crash itself, not a chance to buy.
  const paused = input.management.entriesPausedUntil;
  if (paused !== null && input.at < paused) return { decision: null, fired: [], management: input.management };
  const fired: StrategyDecision[] = [];
  for (const { trigger, test } of strategy.entry) {
    if (test(input.values, input.previous)) fired.push({ action: 'enter', ruleId: trigger.id, sizing: strategy.definition.sizing });
  }
  return { decision: fired[0] ?? null, fired, management: input.management };
}
