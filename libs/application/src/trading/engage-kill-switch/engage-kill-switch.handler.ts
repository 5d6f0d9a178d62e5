import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { ORDER_REPOSITORY, OrderRepository } from '../../orders/order-repository';
import { TRACKED_ORDERS, TrackedOrders } from '../../orders/tracked-orders';
import { retryOnConflict } from '../conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository, SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading-repositories';
import { EngageKillSwitch } from './engage-kill-switch.command';

export interface KillSwitchResult {
  /** Working orders whose cancel was requested now. */
  readonly cancelRequested: string[];
  /** Orders whose outcome is not known yet: the trading guard cancels them once the exchange accepts them. */
  readonly cancelWhenAccepted: string[];
}

/**
 * Engages the risk policy's kill switch (every new order denied, exits included), halts the session,
 * and requests the cancel of every working order; the cancellation saga sends them.
 */
@CommandHandler(EngageKillSwitch)
export class EngageKillSwitchHandler implements ICommandHandler<EngageKillSwitch, KillSwitchResult> {
  constructor(
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(TRACKED_ORDERS) private readonly tracked: TrackedOrders,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: EngageKillSwitch): Promise<KillSwitchResult> {
    const at = this.clock.now();
    await retryOnConflict(() => this.risk.handle(RISK_ID, { type: 'EngageKillSwitch', data: { reason: command.reason, at } }, command.context));
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'kill_switch', at } }, command.context));
    const result: KillSwitchResult = { cancelRequested: [], cancelWhenAccepted: [] };
    for (const orderId of await this.tracked.openOrderIds()) {
      const { state } = await this.orders.load(orderId);
      if (state.status === 'accepted' || state.status === 'partially_filled') {
        await this.orders.handle(orderId, { type: 'RequestOrderCancel', data: { at } }, command.context);
        result.cancelRequested.push(orderId);
      } else if (state.status === 'submitted' || state.status === 'unknown') {
        result.cancelWhenAccepted.push(orderId);
      }
    }
    return result;
  }
}
