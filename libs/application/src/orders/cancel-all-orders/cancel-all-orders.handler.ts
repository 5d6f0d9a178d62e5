import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { ORDER_REPOSITORY, OrderRepository } from '../order-repository';
import { TRACKED_ORDERS, TrackedOrders } from '../tracked-orders';
import { CancelAllOrders } from './cancel-all-orders.command';

/** Stores a cancel request for each working order; the cancellation saga sends them. Returns their ids. */
@CommandHandler(CancelAllOrders)
export class CancelAllOrdersHandler implements ICommandHandler<CancelAllOrders, string[]> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(TRACKED_ORDERS) private readonly tracked: TrackedOrders,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CancelAllOrders): Promise<string[]> {
    const requested: string[] = [];
    for (const orderId of await this.tracked.openOrderIds()) {
      const { state } = await this.orders.load(orderId);
      if (state.status !== 'accepted' && state.status !== 'partially_filled') continue;
      if (command.market && state.market !== command.market) continue;
      // Each order's cancel gets its own command id: one shared id would make every order after the
      // first a "duplicate" of the first one's events.
      const { commandId } = command.context;
      await this.orders.handle(orderId, { type: 'RequestOrderCancel', data: { at: this.clock.now() } }, {
        ...command.context,
        ...(commandId ? { commandId: `${commandId}:cancel:${orderId}` } : {}),
      });
      requested.push(orderId);
    }
    return requested;
  }
}
