import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TickerBoard, TickerView } from '../../live-state/ticker-board';
import { GetTickers } from './get-tickers.query';

@QueryHandler(GetTickers)
export class GetTickersHandler implements IQueryHandler<GetTickers, TickerView[]> {
  constructor(private readonly board: TickerBoard) {}

  execute(query: GetTickers): Promise<TickerView[]> {
    return this.board.tickers(query.markets);
  }
}
