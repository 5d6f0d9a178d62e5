import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetOrders } from './get-orders.query';
import { OrderView, TRADING_READ_MODELS, TradingReadModels } from './read-models.port';

@QueryHandler(GetOrders)
export class GetOrdersHandler implements IQueryHandler<GetOrders, OrderView[]> {
  constructor(@Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels) {}

  execute(query: GetOrders): Promise<OrderView[]> {
    return this.readModels.orders({ ...query.filter, limit: Math.min(query.filter.limit ?? 100, 1_000) });
  }
}
