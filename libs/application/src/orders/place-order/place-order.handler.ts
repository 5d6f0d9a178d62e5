import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { ORDER_REPOSITORY, OrderRepository } from '../order-repository';
import { PlaceOrder } from './place-order.command';

export interface PlacedOrderReceipt {
  readonly orderId: string;
  /** Global position of the stored OrderSubmitted. */
  readonly position: number;
}

/**
 * Validates the order in the domain (market, tick size, required fields) and stores OrderSubmitted with
 * full durability: from then on the order exists for us even if the process dies before sending it.
 * A refused order raises a typed domain error and stores nothing.
 */
@CommandHandler(PlaceOrder)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrder, PlacedOrderReceipt> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PlaceOrder): Promise<PlacedOrderReceipt> {
    const { terms } = command;
    const saved = await this.orders.handle(
      command.orderId,
      {
        type: 'SubmitOrder',
        data: {
          orderId: command.orderId,
          market: terms.market,
          side: terms.side,
          orderType: terms.orderType,
          timeInForce: terms.timeInForce ?? 'gtc',
          ...(terms.price !== undefined ? { price: terms.price } : {}),
          ...(terms.volume !== undefined ? { volume: terms.volume } : {}),
          ...(terms.funds !== undefined ? { funds: terms.funds } : {}),
          at: this.clock.now(),
        },
      },
      command.context,
    );
    return { orderId: command.orderId, position: saved.lastPosition };
  }
}
