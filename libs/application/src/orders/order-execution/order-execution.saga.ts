import type { Clock, OrderState, OrderSubmitted } from '@trader/domain';
import { StoredEvent } from '../../ports/event-envelope';
import { EventStore } from '../../ports/event-store.port';
import {
  ExchangeAuthError,
  ExchangeBlockedError,
  ExchangeBusyError,
  ExchangeNotFoundError,
  ExchangeRejectedError,
  StaleOrderError,
} from '../../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../../ports/exchange-gateway.port';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { ORDER_AGGREGATE, OrderRepository } from '../order-repository';
import { OrderWorkQueue, WorkerSpawner } from '../order-work/order-work-queue';
import { OrderOutcomeUnresolvedError } from './order-execution.errors';
import { OrderExecutionOptions } from './order-execution.options';
import { toOrderRequest } from './order-request';

/** How a lookup loop may end when the exchange keeps saying "not found". */
type NotFoundRule =
  /** Our own request has settled (answered or timed out): not found on every lookup means it never arrived. */
  | 'send-settled'
  /** Someone else's send (a process that is gone): only once `unknownOutcomeBoundMs` has passed since it started. */
  | 'after-bound';

/**
 * Sends each submitted order to the exchange at most once and records what came of it. It is driven
 * from the event store (a checkpointed subscriber on the critical lane), so it sees every
 * OrderSubmitted even across crashes. The rules:
 * - the OrderSubmitted event is stored before anything else (the command handler did that);
 * - OrderSendStarted is stored, durably, before the request leaves. It is the only licence to send:
 *   an order that has it is only ever looked up, by this process or the next, so no retry, restart or
 *   replay can POST one identifier twice;
 * - an order that has not left `staleAfterMs` after it was submitted is rejected as stale, never sent;
 * - a time-out, reset, 5xx or 429 is an unknown outcome, and a `duplicate_identifier` refusal means the
 *   order exists: both are resolved by looking the order up by identifier;
 * - the requests run in a bounded pool of workers off the lane, so an order whose outcome takes
 *   seconds to find holds up no other order. A job that cannot finish leaves the order unknown, and
 *   the periodic sweep (`resolveOutstanding`) or reconciliation looks it up again.
 */
export class OrderExecutionSaga {
  readonly name = 'order-execution';
  readonly eventTypes = ['OrderSubmitted'] as const;
  readonly work: OrderWorkQueue;
  private readonly applier: ExchangeOrderApplier;

  constructor(
    private readonly orders: OrderRepository,
    private readonly store: EventStore,
    private readonly gateway: ExchangeGateway,
    private readonly clock: Clock,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly options: OrderExecutionOptions,
    onFailure: (orderId: string, error: unknown) => void = () => undefined,
  ) {
    this.applier = new ExchangeOrderApplier(orders, clock);
    this.work = new OrderWorkQueue('order-execution', onFailure);
  }

  /** Starts the workers that send and look up orders (the app passes the TaskManager). */
  start(spawn: WorkerSpawner): void {
    this.work.start(this.options.concurrency, spawn);
  }

  /** True while this process may have a request for the order in flight. */
  isSending(orderId: string): boolean {
    return this.work.isBusyWith(orderId);
  }

  async handle(event: StoredEvent): Promise<void> {
    if (event.type !== 'OrderSubmitted') return;
    const order = event.data as OrderSubmitted['data'];
    const { state } = await this.orders.load(order.orderId);
    if (state.status === 'new') return;
    if (awaitsOutcome(state)) {
      // A replay, or a send by the previous process: the order is looked up, never sent.
      this.offerResolve(order.orderId, event, 'after-bound');
      return;
    }
    if (state.status !== 'submitted') return;
    if (event.position <= this.options.startedAfterPosition) {
      // Submitted by a process that is gone, and never marked as sent by it. Versions before the mark
      // could send without it, so the order is looked up first; it is never sent now.
      await this.applier.record(order.orderId, event, 'unknown', {
        type: 'MarkOrderOutcomeUnknown',
        data: { reason: 'the process restarted before the outcome was recorded', at: this.clock.now() },
      });
      this.offerResolve(order.orderId, event, 'send-settled');
      return;
    }
    if (await this.rejectIfStale(order, event)) return;
    await this.applier.record(order.orderId, event, 'send-started', { type: 'MarkOrderSendStarted', data: { at: this.clock.now() } });
    this.work.offer(order.orderId, () => this.send(order, event));
  }

  /**
   * Looks up every order among `orderIds` whose outcome is still unknown and that no worker is busy
   * with (a job that gave up, or a send by a previous process). Run periodically by the trading
   * component, with the open orders from the order read model.
   */
  async resolveOutstanding(orderIds: readonly string[]): Promise<number> {
    let offered = 0;
    for (const orderId of orderIds) {
      if (this.work.isBusyWith(orderId)) continue;
      const { state } = await this.orders.load(orderId);
      if (!awaitsOutcome(state)) continue;
      const [submitted] = this.store.readStream(`${ORDER_AGGREGATE}-${orderId}`);
      if (submitted && this.offerResolve(orderId, submitted, 'after-bound')) offered += 1;
    }
    return offered;
  }

  /** Resolves once no send or lookup is queued or running. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private offerResolve(orderId: string, cause: StoredEvent, rule: NotFoundRule): boolean {
    return this.work.offer(orderId, () => this.resolveByLookup(orderId, cause, rule));
  }

  private async rejectIfStale(order: OrderSubmitted['data'], event: StoredEvent): Promise<boolean> {
    const age = this.clock.now() - order.submittedAt;
    if (age <= this.options.staleAfterMs) return false;
    await this.applier.record(order.orderId, event, 'rejected', {
      type: 'RecordOrderRejected',
      data: {
        reasonCode: 'stale_order',
        message: `not sent: ${age} ms after it was submitted, past the ${this.options.staleAfterMs} ms bound`,
        at: this.clock.now(),
      },
    });
    return true;
  }

  private async send(order: OrderSubmitted['data'], event: StoredEvent): Promise<void> {
    // Nothing has left yet (this job is the only sender): a send delayed past the bound is refused.
    if (await this.rejectIfStale(order, event)) return;
    let submission;
    try {
      // The stale bound counts from submission: the wait for a rate-limit slot gets only what is left.
      const leaveWithinMs = order.submittedAt + this.options.staleAfterMs - this.clock.now();
      submission = await this.gateway.placeOrder({ ...toOrderRequest(order), leaveWithinMs });
    } catch (error) {
      if (error instanceof ExchangeRejectedError && error.reason === 'duplicate_identifier') {
        // Upbit refuses an identifier it has seen: the order exists, so its state is looked up.
        await this.resolveByLookup(order.orderId, event, 'send-settled');
        return;
      }
      if (isRefusedBeforeSending(error)) {
        // Refused by the exchange, or never sent (breaker open, rate-limit queue full, or queued past
        // the stale bound): nothing exists on the exchange, so the order is rejected rather than unknown.
        const reasonCode = error instanceof ExchangeRejectedError || error instanceof StaleOrderError ? error.reason : error.code;
        await this.applier.record(order.orderId, event, 'rejected', {
          type: 'RecordOrderRejected',
          data: { reasonCode, message: error.message, at: this.clock.now() },
        });
        return;
      }
      submission = { outcome: 'unknown' as const, identifier: order.orderId, reason: error instanceof Error ? error.message : String(error) };
    }
    if (submission.outcome === 'accepted') {
      try {
        await this.applier.apply(order.orderId, event, submission.order, 'order answer');
        return;
      } catch {
        // The order is live but its answer could not be recorded (a full lane, a conflict): the
        // lookup below records it; the order is never sent again.
        await this.resolveByLookup(order.orderId, event, 'send-settled');
        return;
      }
    }
    await this.applier.record(order.orderId, event, 'unknown', {
      type: 'MarkOrderOutcomeUnknown',
      data: { reason: submission.reason, at: this.clock.now() },
    });
    await this.resolveByLookup(order.orderId, event, 'send-settled');
  }

  private async resolveByLookup(orderId: string, event: StoredEvent, rule: NotFoundRule): Promise<void> {
    let lastError: unknown;
    let notFound = 0;
    for (let attempt = 1; attempt <= this.options.lookupAttempts; attempt += 1) {
      try {
        await this.applier.apply(orderId, event, await this.gateway.getOrder({ identifier: orderId }));
        return;
      } catch (error) {
        if (!(error instanceof ExchangeNotFoundError)) {
          lastError = error;
        } else {
          notFound += 1;
        }
      }
      if (attempt < this.options.lookupAttempts) await this.wait(this.options.lookupIntervalMs);
    }
    if (notFound === this.options.lookupAttempts && notFound >= 2) {
      const { state } = await this.orders.load(orderId);
      if (!awaitsOutcome(state)) return;
      const since = state.status === 'new' ? 0 : (state.sendStartedAt ?? 0);
      if (rule === 'after-bound' && this.clock.now() - since < this.options.unknownOutcomeBoundMs) return;
      await this.applier.record(orderId, event, 'rejected', {
        type: 'RecordOrderRejected',
        data: {
          reasonCode: 'not_found_after_unknown_outcome',
          message: `the exchange has no order with identifier ${orderId} after ${notFound} lookup(s)`,
          at: this.clock.now(),
        },
      });
      return;
    }
    throw new OrderOutcomeUnresolvedError(orderId, this.options.lookupAttempts, lastError ?? new Error('the exchange did not find the order on every lookup'));
  }
}

/** Sent (or possibly sent) and not answered for: only a lookup may tell what became of it. */
function awaitsOutcome(state: OrderState): boolean {
  return state.status === 'unknown' || (state.status === 'submitted' && state.sendStartedAt !== null);
}

function isRefusedBeforeSending(error: unknown): error is ExchangeRejectedError | ExchangeAuthError | ExchangeBlockedError | ExchangeBusyError {
  return (
    error instanceof ExchangeRejectedError ||
    error instanceof ExchangeAuthError ||
    error instanceof ExchangeBlockedError ||
    error instanceof ExchangeBusyError
  );
}
