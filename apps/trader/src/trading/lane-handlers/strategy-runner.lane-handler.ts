import { StrategyRunner } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Injectable } from '@nestjs/common';

/** Tells the strategy runner how its orders ended, how positions changed, and when the session trades again (critical lane). */
@LaneHandler({
  name: 'strategy-runner',
  lane: 'critical-trading',
  eventTypes: ['OrderFilled', 'OrderCancelled', 'OrderRejected', 'PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed', 'TradingStarted', 'TradingResumed'],
})
@Injectable()
export class StrategyRunnerLaneHandler {
  constructor(private readonly runner: StrategyRunner) {}

  handle(event: StoredEvent): Promise<void> {
    return this.runner.onEvent(event);
  }
}
