import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MARKET_DATA_QUERIES, MarketDataQueries } from '../ports/market-data-feed.port';
import { TickerSnapshot } from '../ports/market-data-feed.types';
import { GetTickers } from './get-tickers.query';

@QueryHandler(GetTickers)
export class GetTickersHandler implements IQueryHandler<GetTickers, TickerSnapshot[]> {
  constructor(@Inject(MARKET_DATA_QUERIES) private readonly marketData: MarketDataQueries) {}

  execute(query: GetTickers): Promise<TickerSnapshot[]> {
    return this.marketData.getTickers(query.markets);
  }
}
