import type { StrategyState } from '@trader/domain';
import { PositionRepository } from '../positions/position-repository';

/** The markets of the strategy's current definition where a position is open (what a revision waits for). */
export async function openMarketsOf(state: StrategyState, positions: PositionRepository): Promise<string[]> {
  if (state.status === 'undefined') return [];
  const open: string[] = [];
  for (const market of state.definition.markets) {
    if ((await positions.load(market)).state.quantity.gt(0)) open.push(market);
  }
  return open;
}
