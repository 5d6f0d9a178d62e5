import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetOrder } from './get-order.query';
import { NotFoundError } from './query.errors';
import { OrderView, TRADING_READ_MODELS, TradingReadModels } from './read-models.port';

@QueryHandler(GetOrder)
export class GetOrderHandler implements IQueryHandler<GetOrder, OrderView> {
  constructor(@Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels) {}

  async execute(query: GetOrder): Promise<OrderView> {
    const order = await this.readModels.order(query.orderId);
    if (!order) throw new NotFoundError('order', query.orderId);
    return order;
  }
}
