import { SESSION_ID, SESSION_REPOSITORY, TRADING_READ_MODELS } from '@trader/application';
import type { DailySummary, SessionRepository, TradingReadModels } from '@trader/application';
import type { DailySummarySource } from '@trader/notifications';
import { Inject, Injectable } from '@nestjs/common';

const dayMs = 86_400_000;

/** The daily summary from the read models: the last complete UTC day's PnL and fills, open positions, the session. */
@Injectable()
export class ReadModelDailySummarySource implements DailySummarySource {
  constructor(
    @Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels,
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
  ) {}

  async summarize(day: string, timeZone: string, at: number): Promise<DailySummary> {
    const pnlDay = new Date(at - dayMs).toISOString().slice(0, 10);
    const [row] = await this.readModels.dailyPnl(pnlDay, pnlDay);
    const positions = (await this.readModels.positions()).filter((p) => !/^0(\.0*)?$/.test(p.quantity));
    const { state } = await this.session.load(SESSION_ID);
    return {
      day,
      timeZone,
      pnlDay,
      realizedPnl: row?.realizedPnl ?? '0',
      fills: row?.fills ?? 0,
      openPositions: positions.map((p) => ({ market: p.market, quantity: p.quantity, averageEntryPrice: p.averageEntryPrice })),
      session: state.mode === 'halted' && state.haltReason ? `halted (${state.haltReason})` : state.mode,
      at,
    };
  }
}
