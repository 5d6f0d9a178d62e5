import { APPLICATION_CLOCK, EXCHANGE_GATEWAY, ORDER_REPOSITORY, OrderCancellationSaga } from '@trader/application';
import type { ExchangeGateway, OrderRepository, StoredEvent } from '@trader/application';
import type { Clock } from '@trader/domain';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';
import { SAGA_WAIT } from '../trading.tokens';

/** Sends stored cancel requests and confirms how the order ended (critical lane). */
@LaneHandler({ name: 'order-cancellation', lane: 'critical-trading', eventTypes: ['OrderCancelRequested'] })
@Injectable()
export class OrderCancellationLaneHandler {
  private readonly saga: OrderCancellationSaga;

  constructor(
    @Inject(ORDER_REPOSITORY) orders: OrderRepository,
    @Inject(EXCHANGE_GATEWAY) gateway: ExchangeGateway,
    @Inject(APPLICATION_CLOCK) clock: Clock,
    @Inject(SAGA_WAIT) wait: (ms: number) => Promise<void>,
  ) {
    this.saga = new OrderCancellationSaga(orders, gateway, clock, wait, { confirmAttempts: 5, confirmIntervalMs: 500 });
  }

  handle(event: StoredEvent): Promise<void> {
    return this.saga.handle(event);
  }
}
