import { OrderCancellationSaga } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Injectable } from '@nestjs/common';

/** Hands stored cancel requests to the cancellation saga's workers (critical lane, checkpointed). */
@LaneHandler({ name: 'order-cancellation', lane: 'critical-trading', eventTypes: ['OrderCancelRequested'] })
@Injectable()
export class OrderCancellationLaneHandler {
  constructor(private readonly saga: OrderCancellationSaga) {}

  handle(event: StoredEvent): Promise<void> {
    return this.saga.handle(event);
  }
}
