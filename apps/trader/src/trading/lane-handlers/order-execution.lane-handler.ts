import { OrderExecutionSaga } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { TraderTracing } from '../../tracing/trader-tracing';
import { TRADER_TRACING } from '../../tracing/tracing.tokens';

/**
 * Delivers each OrderSubmitted to the execution saga (critical lane, checkpointed). The saga stores the
 * send mark and hands the request to its workers, so the lane moves on at once.
 */
@LaneHandler({ name: 'order-execution', lane: 'critical-trading', eventTypes: ['OrderSubmitted'] })
@Injectable()
export class OrderExecutionLaneHandler {
  constructor(
    private readonly saga: OrderExecutionSaga,
    @Optional() @Inject(TRADER_TRACING) private readonly tracing: TraderTracing | null = null,
  ) {}

  handle(event: StoredEvent): Promise<void> {
    // In the trace of the order's correlation id: the saga's worker sends the order in this context.
    return this.tracing ? this.tracing.eventHandling('order-execution', event, () => this.saga.handle(event)) : this.saga.handle(event);
  }
}
