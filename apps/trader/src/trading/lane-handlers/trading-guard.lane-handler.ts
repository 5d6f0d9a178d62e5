import { APPLICATION_CLOCK, ORDER_REPOSITORY, RISK_REPOSITORY, SESSION_REPOSITORY, TradingGuard } from '@trader/application';
import type { OrderRepository, RiskRepository, SessionRepository, StoredEvent } from '@trader/application';
import type { Clock } from '@trader/domain';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';

/** Keeps the session and the risk policy in step with orders, positions and strategies' protections (safety lane). */
@LaneHandler({
  name: 'trading-guard',
  lane: 'high-safety',
  eventTypes: ['OrderAccepted', 'OrderFilled', 'OrderCancelled', 'OrderRejected', 'PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed', 'RiskHaltTriggered', 'StrategyDefined', 'StrategyRevised'],
})
@Injectable()
export class TradingGuardLaneHandler {
  private readonly guard: TradingGuard;

  constructor(
    @Inject(ORDER_REPOSITORY) orders: OrderRepository,
    @Inject(SESSION_REPOSITORY) session: SessionRepository,
    @Inject(RISK_REPOSITORY) risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) clock: Clock,
  ) {
    this.guard = new TradingGuard(orders, session, risk, clock);
  }

  handle(event: StoredEvent): Promise<void> {
    return this.guard.handle(event);
  }
}
