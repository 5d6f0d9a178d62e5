import { APPLICATION_CLOCK, defaultOrderExecutionOptions, EXCHANGE_GATEWAY, ORDER_REPOSITORY, OrderExecutionSaga } from '@trader/application';
import type { ExchangeGateway, OrderRepository, StoredEvent } from '@trader/application';
import type { Clock } from '@trader/domain';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';
import { SAGA_WAIT, STARTED_AFTER_POSITION } from '../trading.tokens';

/** Sends each submitted order once (critical lane, checkpointed). */
@LaneHandler({ name: 'order-execution', lane: 'critical-trading', eventTypes: ['OrderSubmitted'] })
@Injectable()
export class OrderExecutionLaneHandler {
  private readonly saga: OrderExecutionSaga;

  constructor(
    @Inject(ORDER_REPOSITORY) orders: OrderRepository,
    @Inject(EXCHANGE_GATEWAY) gateway: ExchangeGateway,
    @Inject(APPLICATION_CLOCK) clock: Clock,
    @Inject(SAGA_WAIT) wait: (ms: number) => Promise<void>,
    @Inject(STARTED_AFTER_POSITION) startedAfterPosition: number,
  ) {
    this.saga = new OrderExecutionSaga(orders, gateway, clock, wait, { ...defaultOrderExecutionOptions, startedAfterPosition });
  }

  handle(event: StoredEvent): Promise<void> {
    return this.saga.handle(event);
  }
}
