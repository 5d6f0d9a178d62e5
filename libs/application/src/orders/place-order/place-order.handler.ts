import { Dec, orderDecider, riskPolicyDecider, tradingSessionDecider } from '@trader/domain';
import type { Clock, OrderDenied, SubmitOrder } from '@trader/domain';
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../ports/aggregate-repository.port';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../../trading/conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository, SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../../trading/trading-repositories';
import { EVENT_STORE, EventStore } from '../../ports/event-store.port';
import { ORDER_AGGREGATE, ORDER_REPOSITORY, OrderRepository } from '../order-repository';
import { ORDER_ADMISSION, OrderAdmission } from './order-admission.port';
import { PlaceOrder, PlacementIntent } from './place-order.command';
import { OrderAlreadyPlacedError, ReferencePriceRequiredError } from './place-order.errors';

export type PlaceOrderResult =
  | { readonly status: 'submitted'; readonly orderId: string; readonly position: number }
  | { readonly status: 'denied'; readonly orderId: string; readonly deniedBy: 'session' | 'risk'; readonly reasonCode: string; readonly detail: string };

/**
 * The way into the market. The order's terms are validated first (market, tick size, fields: a bad
 * order throws a typed error and stores nothing); then the trading session (halted or reducing
 * sessions deny entries and adds) and the risk policy (limits, halts, kill switch) each approve it or
 * deny it with a recorded OrderDenied; only then are the session's slot, the approval and
 * OrderSubmitted stored, in one transaction with full durability, for the execution saga to send.
 * Until the start-up reconciliation succeeded, every order is denied (OrderAdmission). A command
 * delivered twice with the same command id answers with the order it stored the first time.
 */
@CommandHandler(PlaceOrder)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrder, PlaceOrderResult> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ORDER_ADMISSION) private readonly admission?: OrderAdmission,
  ) {}

  /** Placements of this process, one after the other (see `execute`). */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * Every placement passes the session and the risk policy, two single streams: run side by side they
   * would conflict on both and decide again and again (the work grows with the square of the requests
   * in flight, and a command could run out of retries). One at a time, each decides on the state the
   * previous one left, which is also what the risk limits mean.
   */
  execute(command: PlaceOrder): Promise<PlaceOrderResult> {
    const placed = this.queue.then(() => this.place(command));
    this.queue = placed.catch(() => undefined);
    return placed;
  }

  private async place(command: PlaceOrder): Promise<PlaceOrderResult> {
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
    const replayed = this.replayOf(orderId, context);
    if (replayed) return replayed;
    const intent: PlacementIntent = command.intent ?? (submitted.data.side === 'buy' ? 'entry' : 'exit');
    const notional = this.notional(orderId, submitted.data, terms.referencePrice);
    const step = (name: string): CommandContext => ({ ...context, ...(context.commandId ? { commandId: `${context.commandId}:${name}` } : {}) });
    const blockedBy = this.admission?.blockedBy() ?? undefined;
    return retryOnConflict(async () => {
      const session = await this.session.load(SESSION_ID);
      const begin = { type: 'BeginOrder', data: { orderId, intent, at, ...(blockedBy ? { blockedBy } : {}) } } as const;
      const sessionEvents = tradingSessionDecider.decide(begin, session.state);
      const sessionDenial = denialIn(sessionEvents);
      if (sessionDenial) {
        await this.session.save(SESSION_ID, sessionEvents, session.version, step('session'));
        return { status: 'denied', orderId, deniedBy: 'session', ...sessionDenial } as const;
      }
      const risk = await this.risk.load(RISK_ID);
      const exitReason = intent === 'exit' && command.exitReason !== undefined ? { exitReason: command.exitReason } : {};
      const riskEvents = riskPolicyDecider.decide({ type: 'CheckOrder', data: { orderId, market: submitted.data.market, intent, notional, ...exitReason, at } }, risk.state);
      const riskDenial = denialIn(riskEvents);
      if (riskDenial) {
        await this.risk.save(RISK_ID, riskEvents, risk.version, step('risk'));
        return { status: 'denied', orderId, deniedBy: 'risk', ...riskDenial } as const;
      }
      // The session's slot, the risk approval and the order are one transaction: a crash or a failed
      // append can never leave an approval without its order, or an order "in flight" with no order.
      const { results } = await this.store.appendBatch(
        [
          this.session.prepare(SESSION_ID, sessionEvents, session.version, step('session')),
          this.risk.prepare(RISK_ID, riskEvents, risk.version, step('risk')),
          this.orders.prepare(orderId, [submitted], 'no_stream', context),
        ],
        { durability: 'full' },
      );
      await this.session.afterSave(SESSION_ID, session.version, session.version + sessionEvents.length, sessionEvents.reduce(tradingSessionDecider.evolve, session.state));
      await this.risk.afterSave(RISK_ID, risk.version, risk.version + riskEvents.length, riskEvents.reduce(riskPolicyDecider.evolve, risk.state));
      // The execution saga loads the order next: with its state known here, it need not read the stream.
      const placed = results[2];
      if (placed && !placed.duplicate) await this.orders.afterSave(orderId, 0, placed.nextExpectedVersion, orderDecider.evolve(orderDecider.initialState(), submitted));
      return { status: 'submitted', orderId, position: results.at(-1)?.lastPosition ?? 0 } as const;
    });
  }

  /**
   * The same command delivered again (a client retrying after a lost answer): the order its first
   * delivery stored is the answer, and nothing is stored twice.
   */
  private replayOf(orderId: string, context: CommandContext): PlaceOrderResult | null {
    const [first] = this.store.readStream(`${ORDER_AGGREGATE}-${orderId}`);
    if (!first) return null;
    if (context.commandId === undefined || first.metadata.commandId !== context.commandId) throw new OrderAlreadyPlacedError(orderId);
    return { status: 'submitted', orderId, position: first.position };
  }

  /** The quote amount the order commits: its funds, price x volume, or volume at the reference price. */
  private notional(orderId: string, order: { price: string | null; volume: string | null; funds: string | null }, referencePrice?: string): string {
    if (order.funds !== null) return order.funds;
    if (order.price !== null && order.volume !== null) return new Dec(order.price).mul(order.volume).toFixed();
    if (referencePrice === undefined || order.volume === null) throw new ReferencePriceRequiredError(orderId);
    return new Dec(referencePrice).mul(order.volume).toFixed();
  }
}

function denialIn(events: readonly { type: string; data: unknown }[]): { reasonCode: string; detail: string } | null {
  const denied = events.find((e): e is OrderDenied => e.type === 'OrderDenied');
  return denied ? { reasonCode: denied.data.reasonCode, detail: denied.data.detail } : null;
}
