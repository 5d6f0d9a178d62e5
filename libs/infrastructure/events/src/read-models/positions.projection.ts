import type { StoredEvent } from '@trader/application';
import type { PositionFillData } from '@trader/domain';
import { Dec, tradingDay } from '@trader/domain';
import type { EntityManager } from 'typeorm';
import { Projection } from '../projections/projection';
import { DailyPnlRow } from './daily-pnl.row';
import { PositionViewRow } from './position-view.row';

/**
 * The `rm_positions` and `rm_daily_pnl` read models, from position events (which carry the position
 * after each fill and what that fill realised). Daily PnL is keyed by the fill's UTC trading day.
 */
export function positionsProjection(): Projection {
  return {
    name: 'rm-positions',
    lane: 'critical-trading',
    eventTypes: ['PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed'],
    async apply(stored: StoredEvent, manager: EntityManager) {
      // Only fill events are subscribed (PositionSellDeferred changes no quantity until it is applied).
      const data = stored.data as PositionFillData;
      await manager.getRepository(PositionViewRow).save({
        market: data.market,
        quantity: data.quantity,
        averageEntryPrice: data.averageEntryPrice,
        costBasis: data.costBasis,
        realizedPnl: data.realizedPnl,
        fees: data.fees,
        updatedAt: data.at,
      });
      const days = manager.getRepository(DailyPnlRow);
      const day = tradingDay(data.at);
      const row = (await days.findOneBy({ day })) ?? { day, realizedPnl: '0', fees: '0', fills: 0 };
      await days.save({
        day,
        realizedPnl: new Dec(row.realizedPnl).plus(data.fillRealizedPnl).toFixed(),
        fees: new Dec(row.fees).plus(data.fee).toFixed(),
        fills: row.fills + 1,
      });
    },
    async reset(manager: EntityManager) {
      await manager.getRepository(PositionViewRow).clear();
      await manager.getRepository(DailyPnlRow).clear();
    },
  };
}
