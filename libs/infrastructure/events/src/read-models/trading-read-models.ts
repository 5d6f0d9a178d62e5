import { Projection } from '../projections/projection';
import { DailyPnlRow } from './daily-pnl.row';
import { orderViewsProjection } from './order-views.projection';
import { PositionViewRow } from './position-view.row';
import { positionsProjection } from './positions.projection';
import { StrategyViewRow } from './strategy-view.row';
import { strategiesProjection } from './strategies.projection';
import { OrderViewRow } from './order-view.row';

/** The entities of the trading read models, for the read-model connection. */
export const tradingReadModelEntities = [OrderViewRow, PositionViewRow, DailyPnlRow, StrategyViewRow] as const;

/** The projections that build them. */
export function tradingProjections(): Projection[] {
  return [orderViewsProjection(), positionsProjection(), strategiesProjection()];
}
