import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetPnl } from './get-pnl.query';
import { aggregatePnl, PnlRow } from './pnl-periods';
import { TRADING_READ_MODELS, TradingReadModels } from './read-models.port';

/** Sums the daily read model into the asked period; every amount stays exact. */
@QueryHandler(GetPnl)
export class GetPnlHandler implements IQueryHandler<GetPnl, PnlRow[]> {
  constructor(@Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels) {}

  async execute(query: GetPnl): Promise<PnlRow[]> {
    return aggregatePnl(await this.readModels.dailyPnl(query.from, query.to), query.period);
  }
}
