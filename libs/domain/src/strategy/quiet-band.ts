import { CompiledStrategy } from './compiled-strategy';
import { ManagementState } from './management-state';
import { PositionView } from './strategy-evaluator';

/**
 * The prices at which an evaluation with an open position fires no management rule and changes no
 * management state, for one position (its average price) and one state. Every bound is the very
 * expression the evaluator compares the price with (`strategy-evaluator.ts`, `manage` and
 * `evaluateRule`), computed once instead of per tick, so a price inside the band is decided exactly
 * as a full evaluation decides it: nothing.
 */
export interface QuietBand {
  readonly averagePrice: number;
  readonly state: ManagementState;
  /** The price must be above this (a stop loss, an averaging-down step or an armed trailing stop fires at or under it). */
  readonly above: number;
  /** The price must be under this (a take profit, a pyramiding step or the trailing stop's arming fires at or over it). */
  readonly below: number;
  /** The high since entry: a price over it is a new high, a change of state. */
  readonly atMost: number;
  /** An armed trailing stop ratchets up when `price * trailFactor` is over it (null: no armed stop). */
  readonly trailFactor: number | null;
  readonly trailStop: number;
}

const pct = (percent: number): number => percent / 100;

/**
 * The quiet band of `position` under `state`, or null when the rules read more than the price and the
 * state (a surge guard or a crash exit reads the tick window), when two trailing stops ratchet one
 * price, or when the state has no high since entry yet (the next tick sets it).
 */
export function quietBand(strategy: CompiledStrategy, state: ManagementState, position: PositionView): QuietBand | null {
  const average = position.averagePrice;
  const high = state.highSinceEntry;
  if (high === null) return null;
  let above = Number.NEGATIVE_INFINITY;
  let below = Number.POSITIVE_INFINITY;
  let trailFactor: number | null = null;
  let trailing = 0;
  const pyramiding = strategy.pyramiding;
  const pyramidingDone = pyramiding !== null && state.pyramidingAdds >= pyramiding.maxAdds;
  for (const rule of strategy.rules) {
    switch (rule.kind) {
      case 'surge_guard':
      case 'crash_exit':
        return null;
      case 'pyramiding': {
        const base = state.lastBuyPrice;
        if (!state.pyramidingStopped && state.pyramidingAdds < rule.maxAdds && base !== null) below = Math.min(below, base * (1 + pct(rule.stepPercent)));
        break;
      }
      case 'averaging_down':
        if (state.averagingDownAdds < rule.maxAdds) above = Math.max(above, average * (1 - pct(rule.stepPercent)));
        break;
      case 'take_profit': {
        const base = rule.basis === 'average' ? average : state.lastBuyPrice;
        if (!(rule.afterPyramiding && (!pyramidingDone || state.pyramidingStopped)) && base !== null) below = Math.min(below, base * (1 + pct(rule.profitPercent)));
        break;
      }
      case 'stop_loss':
        above = Math.max(above, average * (1 - pct(rule.lossPercent)));
        break;
      case 'trailing_stop':
        trailing += 1;
        if (state.trailingStopPrice === null) {
          below = Math.min(below, average * (1 + pct(rule.activationPercent)));
        } else {
          above = Math.max(above, state.trailingStopPrice);
          trailFactor = 1 - pct(rule.dropPercent);
        }
        break;
    }
  }
  if (trailing > 1) return null;
  return { averagePrice: average, state, above, below, atMost: high, trailFactor, trailStop: state.trailingStopPrice ?? 0 };
}

/** Whether `price` is inside the band: a full evaluation there would fire no rule and keep the state. */
export function inQuietBand(band: QuietBand, price: number): boolean {
  if (!(price > band.above && price < band.below && price <= band.atMost)) return false;
  return band.trailFactor === null || !(price * band.trailFactor > band.trailStop);
}
