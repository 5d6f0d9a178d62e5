import type { StoredEvent } from '@trader/application';
import type { PositionFillData } from '@trader/domain';
import { DecimalSum, tradingDay } from '@trader/domain';
import type { SqlDatabase } from '../database/sql-database';
import { Projection, ProjectionTables } from '../projections/projection';
import { DailyPnlRow } from './daily-pnl.row';
import { MultiRowUpsert } from './multi-row-upsert';
import { PositionViewRow } from './position-view.row';

const msPerDay = 86_400_000;
const positionColumns = ['market', 'quantity', 'averageEntryPrice', 'costBasis', 'realizedPnl', 'fees', 'updatedAt'] as const satisfies readonly (keyof PositionViewRow)[];
const selectDaySql = 'SELECT "day", "realizedPnl", "fees", "fills" FROM rm_daily_pnl WHERE "day" = ?';
const upsertDaySql = `INSERT INTO rm_daily_pnl ("day", "realizedPnl", "fees", "fills") VALUES (?, ?, ?, ?)
  ON CONFLICT ("day") DO UPDATE SET "realizedPnl" = excluded."realizedPnl", "fees" = excluded."fees", "fills" = excluded."fills"`;

/**
 * The `rm_positions` and `rm_daily_pnl` read models, from position events (which carry the position
 * after each fill and what that fill realised). Daily PnL is keyed by the fill's UTC trading day.
 * Within a batch a market's position and a day's sums stay in memory and are written once, the
 * positions 32 rows per statement (`MultiRowUpsert`).
 */
export function positionsProjection(): Projection {
  return {
    name: 'rm-positions',
    lane: 'critical-trading',
    tables: ['rm_positions', 'rm_daily_pnl'],
    metadataOf: [],
    eventTypes: ['PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed'],
    open(db: SqlDatabase): ProjectionTables {
      const upsertPositions = new MultiRowUpsert(db, 'rm_positions', positionColumns);
      const selectDay = db.prepare(selectDaySql);
      const upsertDay = db.prepare(upsertDaySql);
      const clearPositions = db.prepare('DELETE FROM rm_positions');
      const clearDays = db.prepare('DELETE FROM rm_daily_pnl');
      return {
        applyBatch(events: readonly StoredEvent[]) {
          // Each market's last fill of the batch: its data carries the position after it.
          const positions = new Map<string, PositionFillData>();
          // A day's sums stay exact running sums for the whole batch: one addition per fill, one text per day.
          const days = new Map<string, { realizedPnl: DecimalSum; fees: DecimalSum; fills: number }>();
          let dayStart = Number.NaN;
          let day = '';
          for (const stored of events) {
            // Only fill events are subscribed (PositionSellDeferred changes no quantity until it is applied).
            const data = stored.data as PositionFillData;
            positions.set(data.market, data);
            // Fills come in time order, mostly within one day: the day's text is computed once per day.
            if (!(data.at >= dayStart && data.at < dayStart + msPerDay)) {
              day = tradingDay(data.at);
              dayStart = Date.parse(day);
            }
            let sums = days.get(day);
            if (!sums) {
              const row = selectDay.get(day) as DailyPnlRow | undefined;
              sums = { realizedPnl: new DecimalSum(row?.realizedPnl ?? '0'), fees: new DecimalSum(row?.fees ?? '0'), fills: row?.fills ?? 0 };
              days.set(day, sums);
            }
            sums.realizedPnl.add(data.fillRealizedPnl);
            sums.fees.add(data.fee);
            sums.fills += 1;
          }
          for (const fill of positions.values()) {
            // In `positionColumns` order.
            upsertPositions.values.push(fill.market, fill.quantity, fill.averageEntryPrice, fill.costBasis, fill.realizedPnl, fill.fees, fill.at);
            upsertPositions.pushed();
          }
          upsertPositions.flush();
          for (const [key, sums] of days) upsertDay.run(key, sums.realizedPnl.toFixed(), sums.fees.toFixed(), sums.fills);
        },
        reset() {
          clearPositions.run();
          clearDays.run();
        },
      };
    },
  };
}
