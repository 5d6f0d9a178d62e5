import { CompiledStrategy } from './compiled-strategy';
import { DecisionAction, StrategyDecision } from './strategy-decision';

/** The conservative order: hold > close > update stop > add (entries never compete: no position). */
const CONSERVATIVE_RANK: Record<DecisionAction, number> = { hold: 0, close: 1, update_stop: 2, add: 3, enter: 4 };

/**
 * Picks one decision among those that fired on the same tick, by the strategy's declared policy. Ties
 * under the conservative policy go to the first fired (rules in declaration order, then triggers).
 */
export function selectDecision(strategy: CompiledStrategy, fired: readonly StrategyDecision[]): StrategyDecision | null {
  let best: StrategyDecision | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const decision of fired) {
    const rank = strategy.priority
      ? (strategy.priority.get(decision.ruleId) ?? Number.MAX_SAFE_INTEGER)
      : CONSERVATIVE_RANK[decision.action];
    if (rank < bestRank) {
      best = decision;
      bestRank = rank;
    }
  }
  return best;
}
