import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MARKET_DATA_QUERIES, MarketDataQueries } from '../ports/market-data-feed.port';
import { MarketInfo } from '../ports/market-data-feed.types';
import { GetMarkets } from './get-markets.query';

@QueryHandler(GetMarkets)
export class GetMarketsHandler implements IQueryHandler<GetMarkets, MarketInfo[]> {
  constructor(@Inject(MARKET_DATA_QUERIES) private readonly marketData: MarketDataQueries) {}

  execute(): Promise<MarketInfo[]> {
    return this.marketData.listMarkets();
  }
}
