import { OrderExecutionSaga } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Injectable } from '@nestjs/common';

/**
 * Delivers each OrderSubmitted to the execution saga (critical lane, checkpointed). The saga stores the
 * send mark and hands the request to its workers, so the lane moves on at once.
 */
@LaneHandler({ name: 'order-execution', lane: 'critical-trading', eventTypes: ['OrderSubmitted'] })
@Injectable()
export class OrderExecutionLaneHandler {
  constructor(private readonly saga: OrderExecutionSaga) {}

  handle(event: StoredEvent): Promise<void> {
    return this.saga.handle(event);
  }
}
