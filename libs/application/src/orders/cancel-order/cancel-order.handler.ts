import type { Clock } from '@trader/domain';
import { IllegalOrderTransitionError } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { NotFoundError } from '../../queries/query.errors';
import { ORDER_REPOSITORY, OrderRepository } from '../order-repository';
import { CancelOrder } from './cancel-order.command';

/**
 * Stores the cancel request. An order we never placed is `NotFoundError` (404 at the API, as reading it
 * is); one that is not working (not yet accepted, or closed) is refused by the domain.
 */
@CommandHandler(CancelOrder)
export class CancelOrderHandler implements ICommandHandler<CancelOrder, void> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CancelOrder): Promise<void> {
    try {
      await this.orders.handle(command.orderId, { type: 'RequestOrderCancel', data: { at: this.clock.now() } }, command.context);
    } catch (error) {
      // `new` is the state of an order stream with no event: one we never placed.
      if (error instanceof IllegalOrderTransitionError && error.status === 'new') throw new NotFoundError('order', command.orderId);
      throw error;
    }
  }
}
