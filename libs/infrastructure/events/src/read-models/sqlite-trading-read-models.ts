import type { DailyPnl, OrderFilter, OrderView, PositionView, StrategySummary, TradingReadModels } from '@trader/application';
import { Between, DataSource, In, Not } from 'typeorm';
import { DailyPnlRow } from './daily-pnl.row';
import { OrderViewRow } from './order-view.row';
import { PositionViewRow } from './position-view.row';
import { StrategyViewRow } from './strategy-view.row';

const CLOSED = ['filled', 'cancelled', 'rejected'];

/** The trading read models on the read-model connection (same SQLite file as the events). */
export class SqliteTradingReadModels implements TradingReadModels {
  constructor(private readonly dataSource: DataSource) {}

  orders(filter: OrderFilter): Promise<OrderView[]> {
    return this.dataSource.getRepository(OrderViewRow).find({
      where: {
        ...(filter.market ? { market: filter.market } : {}),
        ...(filter.status ? { status: filter.status } : filter.openOnly ? { status: Not(In(CLOSED)) } : {}),
      },
      order: { submittedAt: 'DESC', orderId: 'DESC' },
      take: filter.limit ?? 100,
    });
  }

  order(orderId: string): Promise<OrderView | null> {
    return this.dataSource.getRepository(OrderViewRow).findOneBy({ orderId });
  }

  positions(): Promise<PositionView[]> {
    return this.dataSource.getRepository(PositionViewRow).find({ order: { market: 'ASC' } });
  }

  dailyPnl(from: string, to: string): Promise<DailyPnl[]> {
    return this.dataSource.getRepository(DailyPnlRow).find({ where: { day: Between(from, to) }, order: { day: 'ASC' } });
  }

  async strategies(): Promise<StrategySummary[]> {
    const rows = await this.dataSource.getRepository(StrategyViewRow).find({ order: { strategyId: 'ASC' } });
    return rows.map((row) => ({ ...row, enabled: Boolean(row.enabled), markets: JSON.parse(row.markets) as string[] }));
  }
}
