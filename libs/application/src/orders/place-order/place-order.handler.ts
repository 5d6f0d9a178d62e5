import { orderDecider } from '@trader/domain';
import type { Clock, OrderDenied, SubmitOrder } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Decimal } from 'decimal.js';
import { CommandContext } from '../../ports/aggregate-repository.port';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../../trading/conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository, SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../../trading/trading-repositories';
import { ORDER_REPOSITORY, OrderRepository } from '../order-repository';
import { PlaceOrder, PlacementIntent } from './place-order.command';
import { ReferencePriceRequiredError } from './place-order.errors';

export type PlaceOrderResult =
  | { readonly status: 'submitted'; readonly orderId: string; readonly position: number }
  | { readonly status: 'denied'; readonly orderId: string; readonly deniedBy: 'session' | 'risk'; readonly reasonCode: string; readonly detail: string };

/**
 * The way into the market. The order's terms are validated first (market, tick size, fields: a bad
 * order throws a typed error and stores nothing); then the trading session (halted or reducing
 * sessions deny entries and adds) and the risk policy (limits, halts, kill switch) each approve it or
 * deny it with a recorded OrderDenied; only then is OrderSubmitted stored, with full durability, for
 * the execution saga to send.
 */
@CommandHandler(PlaceOrder)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrder, PlaceOrderResult> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PlaceOrder): Promise<PlaceOrderResult> {
    const { orderId, terms, context } = command;
    const at = this.clock.now();
    const submit: SubmitOrder = {
      type: 'SubmitOrder',
      data: {
        orderId,
        market: terms.market,
        side: terms.side,
        orderType: terms.orderType,
        timeInForce: terms.timeInForce ?? 'gtc',
        ...(terms.price !== undefined ? { price: terms.price } : {}),
        ...(terms.volume !== undefined ? { volume: terms.volume } : {}),
        ...(terms.funds !== undefined ? { funds: terms.funds } : {}),
        at,
      },
    };
    // Validates the terms without storing anything: a refused order leaves no trace but its error.
    const [submitted] = orderDecider.decide(submit, orderDecider.initialState());
    if (submitted?.type !== 'OrderSubmitted') throw new Error(`SubmitOrder produced ${submitted?.type ?? 'nothing'}`);
    const intent: PlacementIntent = command.intent ?? (submitted.data.side === 'buy' ? 'entry' : 'exit');
    const notional = this.notional(orderId, submitted.data, terms.referencePrice);
    const step = (name: string): CommandContext => ({ ...context, ...(context.commandId ? { commandId: `${context.commandId}:${name}` } : {}) });

    const begun = await retryOnConflict(() =>
      this.session.handle(SESSION_ID, { type: 'BeginOrder', data: { orderId, intent, at } }, step('session')),
    );
    const sessionDenial = denialIn(begun.events);
    if (sessionDenial) return { status: 'denied', orderId, deniedBy: 'session', ...sessionDenial };

    const checked = await retryOnConflict(() =>
      this.risk.handle(RISK_ID, { type: 'CheckOrder', data: { orderId, market: submitted.data.market, intent, notional, at } }, step('risk')),
    );
    const riskDenial = denialIn(checked.events);
    if (riskDenial) {
      await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'EndOrder', data: { orderId, at } }, step('session-end')));
      return { status: 'denied', orderId, deniedBy: 'risk', ...riskDenial };
    }

    const saved = await this.orders.handle(orderId, submit, context);
    return { status: 'submitted', orderId, position: saved.lastPosition };
  }

  /** The quote amount the order commits: its funds, price x volume, or volume at the reference price. */
  private notional(orderId: string, order: { price: string | null; volume: string | null; funds: string | null }, referencePrice?: string): string {
    if (order.funds !== null) return order.funds;
    if (order.price !== null && order.volume !== null) return new Decimal(order.price).mul(order.volume).toFixed();
    if (referencePrice === undefined || order.volume === null) throw new ReferencePriceRequiredError(orderId);
    return new Decimal(referencePrice).mul(order.volume).toFixed();
  }
}

function denialIn(events: readonly { type: string; data: unknown }[]): { reasonCode: string; detail: string } | null {
  const denied = events.find((e): e is OrderDenied => e.type === 'OrderDenied');
  return denied ? { reasonCode: denied.data.reasonCode, detail: denied.data.detail } : null;
}
