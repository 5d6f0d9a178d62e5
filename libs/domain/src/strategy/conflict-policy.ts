import { CompiledStrategy } from './compiled-strategy';
import { DecisionAction, MergedAdd, MergedClose, StrategyDecision } from './strategy-decision';

/** The conservative order: hold > close > add (entries never compete: they need no position). */
const CONSERVATIVE_RANK: Record<DecisionAction, number> = { hold: 0, close: 1, add: 2, enter: 3 };

const isCrashExit = (decision: StrategyDecision): boolean => decision.action === 'close' && decision.reason === 'crash_exit';

function firstByRank(fired: readonly StrategyDecision[], rank: (decision: StrategyDecision) => number): StrategyDecision | null {
  let best: StrategyDecision | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const decision of fired) {
    const r = rank(decision);
    if (r < bestRank) {
      best = decision;
      bestRank = r;
    }
  }
  return best;
}

const conservative = (fired: readonly StrategyDecision[]): StrategyDecision | null => firstByRank(fired, (d) => CONSERVATIVE_RANK[d.action]);

/** Every add of the tick as one order, or every close as one; anything else is a conflict for the conservative order. */
function merge(fired: readonly StrategyDecision[]): StrategyDecision | null {
  const [first, ...rest] = fired;
  if (!first || rest.length === 0) return first ?? null;
  if (first.action === 'add' && rest.every((d) => d.action === 'add')) {
    const merged: MergedAdd[] = rest.flatMap((d) => (d.action === 'add' ? [{ ruleId: d.ruleId, reason: d.reason, sizing: d.sizing }] : []));
    return { ...first, merged };
  }
  if (first.action === 'close' && rest.every((d) => d.action === 'close')) {
    const merged: MergedClose[] = rest.flatMap((d) => (d.action === 'close' ? [{ ruleId: d.ruleId, reason: d.reason }] : []));
    return { ...first, merged };
  }
  return conservative(fired);
}

/**
 * Picks what to do among the decisions that fired on the same tick, by the strategy's declared policy.
 * The crash exit is the original's emergency exit ("ignore all rules"): it wins under every policy.
 * Ties under the conservative policy go to the first fired (rules in declaration order, then triggers).
 */
export function selectDecision(strategy: CompiledStrategy, fired: readonly StrategyDecision[]): StrategyDecision | null {
  const crash = fired.find(isCrashExit);
  if (crash) return crash;
  const policy = strategy.definition.conflictPolicy;
  switch (policy.kind) {
    case 'conservative':
      return conservative(fired);
    case 'priority': {
      const priority = strategy.priority;
      return firstByRank(fired, (d) => priority?.get(d.ruleId) ?? Number.MAX_SAFE_INTEGER);
    }
    case 'merge':
      return merge(fired);
  }
}
