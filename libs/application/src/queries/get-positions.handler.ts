import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Dec } from '@trader/domain';
import { MARKET_DATA_QUERIES, MarketDataQueries } from '../ports/market-data-feed.port';
import { GetPositions } from './get-positions.query';
import { PositionView, TRADING_READ_MODELS, TradingReadModels } from './read-models.port';

export interface ValuedPosition extends PositionView {
  /** Last trade price of the market, or null when the exchange could not tell. */
  readonly markPrice: string | null;
  /** mark x quantity - cost basis; null without a mark. */
  readonly unrealizedPnl: string | null;
}

/** Positions from the read model, valued at the exchange's last trade price (one ticker request for all). */
@QueryHandler(GetPositions)
export class GetPositionsHandler implements IQueryHandler<GetPositions, ValuedPosition[]> {
  constructor(
    @Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels,
    @Inject(MARKET_DATA_QUERIES) private readonly marketData: MarketDataQueries,
  ) {}

  async execute(): Promise<ValuedPosition[]> {
    const positions = await this.readModels.positions();
    const held = positions.filter((p) => new Dec(p.quantity).gt(0)).map((p) => p.market);
    const marks = new Map((held.length > 0 ? await this.marketData.getTickers(held) : []).map((t) => [t.market, t.tradePrice]));
    return positions.map((position) => {
      const mark = marks.get(position.market);
      const unrealized = mark ? mark.mul(position.quantity).minus(position.costBasis) : null;
      return { ...position, markPrice: mark?.toFixed() ?? null, unrealizedPnl: unrealized?.toFixed() ?? null };
    });
  }
}
