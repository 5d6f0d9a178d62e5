import type { Clock, OrderSubmitted } from '@trader/domain';
import { StoredEvent } from '../../ports/event-envelope';
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
import { OrderRepository } from '../order-repository';
import { OrderOutcomeUnresolvedError } from './order-execution.errors';
import { OrderExecutionOptions } from './order-execution.options';
import { toOrderRequest } from './order-request';

/**
 * Sends each submitted order to the exchange exactly once and records what came of it. It is driven
 * from the event store (a checkpointed subscriber on the critical lane), so it sees every
 * OrderSubmitted even across crashes. The rules:
 * - the OrderSubmitted event is stored before the request leaves (the command handler did that);
 * - an order whose outcome is already recorded is left alone (a replayed event), and one still unknown
 *   (a retried event) is looked up again;
 * - an order submitted before this process started may have been sent already: it is looked up;
 * - a time-out, reset, 5xx or 429 is an unknown outcome: the order is looked up by identifier, with
 *   bounded retries, and never sent again. Not found after every lookup means it never arrived.
 */
export class OrderExecutionSaga {
  readonly name = 'order-execution';
  readonly eventTypes = ['OrderSubmitted'] as const;
  private readonly applier: ExchangeOrderApplier;

  constructor(
    private readonly orders: OrderRepository,
    private readonly gateway: ExchangeGateway,
    private readonly clock: Clock,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly options: OrderExecutionOptions,
  ) {
    this.applier = new ExchangeOrderApplier(orders, clock);
  }

  async handle(event: StoredEvent): Promise<void> {
    if (event.type !== 'OrderSubmitted') return;
    const order = event.data as OrderSubmitted['data'];
    const { state } = await this.orders.load(order.orderId);
    if (state.status === 'unknown') {
      // A retry after the exchange could not be asked: the lookup goes on where it stopped.
      await this.resolveByLookup(order.orderId, event);
      return;
    }
    if (state.status !== 'submitted') return;

    if (event.position <= this.options.startedAfterPosition) {
      await this.applier.record(order.orderId, event, 'unknown', {
        type: 'MarkOrderOutcomeUnknown',
        data: { reason: 'the process restarted before the outcome was recorded', at: this.clock.now() },
      });
      await this.resolveByLookup(order.orderId, event);
      return;
    }

    let submission;
    try {
      submission = await this.gateway.placeOrder(toOrderRequest(order));
    } catch (error) {
      if (isRefusedBeforeSending(error)) {
        // Refused by the exchange, or never sent (breaker open, rate-limit queue full): nothing exists on
        // the exchange, so the order is rejected rather than unknown.
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
      await this.applier.apply(order.orderId, event, submission.order);
      return;
    }
    await this.applier.record(order.orderId, event, 'unknown', {
      type: 'MarkOrderOutcomeUnknown',
      data: { reason: submission.reason, at: this.clock.now() },
    });
    await this.resolveByLookup(order.orderId, event);
  }

  private async resolveByLookup(orderId: string, event: StoredEvent): Promise<void> {
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
    if (notFound === this.options.lookupAttempts) {
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
    throw new OrderOutcomeUnresolvedError(orderId, this.options.lookupAttempts, lastError);
  }
}

function isRefusedBeforeSending(error: unknown): error is ExchangeRejectedError | ExchangeAuthError | ExchangeBlockedError | ExchangeBusyError {
  return (
    error instanceof ExchangeRejectedError ||
    error instanceof ExchangeAuthError ||
    error instanceof ExchangeBlockedError ||
    error instanceof ExchangeBusyError
  );
}
