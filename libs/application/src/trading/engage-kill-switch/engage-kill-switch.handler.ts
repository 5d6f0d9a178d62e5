import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../ports/aggregate-repository.port';
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
    const { context } = command;
    // Event ids derive from the command id (`${commandId}/${index}`): each stream needs its own, or the
    // session's and every order's first event would share the risk event's id and be dropped as replays.
    const step = (name: string): CommandContext => ({ ...context, ...(context.commandId ? { commandId: `${context.commandId}:${name}` } : {}) });
    await retryOnConflict(async () => {
      // A command with an id may be the retry of one that engaged the switch and then failed before its
      // cancels: it goes on with them instead of being refused (the steps after this one are idempotent).
      if (context.commandId && (await this.risk.load(RISK_ID)).state.killSwitchEngaged) return;
      await this.risk.handle(RISK_ID, { type: 'EngageKillSwitch', data: { reason: command.reason, at } }, step('risk'));
    });
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'kill_switch', at } }, step('session')));
    const result: KillSwitchResult = { cancelRequested: [], cancelWhenAccepted: [] };
    for (const orderId of await this.tracked.openOrderIds()) {
      const { state } = await this.orders.load(orderId);
      if (state.status === 'accepted' || state.status === 'partially_filled') {
        await this.orders.handle(orderId, { type: 'RequestOrderCancel', data: { at } }, step(`cancel:${orderId}`));
        result.cancelRequested.push(orderId);
      } else if (state.status === 'submitted' || state.status === 'unknown') {
        result.cancelWhenAccepted.push(orderId);
      }
    }
    return result;
  }
}
