import type { Clock, OrderCancelRequested } from '@trader/domain';
import { StoredEvent } from '../../ports/event-envelope';
import { ExchangeNotFoundError, ExchangeRejectedError } from '../../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../../ports/exchange-gateway.port';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { OrderRepository } from '../order-repository';
import { OrderOutcomeUnresolvedError } from '../order-execution/order-execution.errors';

export interface OrderCancellationOptions {
  /** How often the order is looked up after the cancel request, waiting for the exchange to close it. */
  readonly confirmAttempts: number;
  readonly confirmIntervalMs: number;
}

/**
 * Sends a stored cancel request to the exchange and records how the order ended. Upbit answers a cancel
 * with the order as it was (usually still `wait`), so the close is confirmed by looking the order up:
 * `cancel` records the cancel (after any trades that happened first), `done` records the fills that
 * beat the cancel. An exchange that refuses the cancel (the order already finished) brings the order
 * back from pending-cancel and syncs what it knows.
 */
export class OrderCancellationSaga {
  readonly name = 'order-cancellation';
  readonly eventTypes = ['OrderCancelRequested'] as const;
  private readonly applier: ExchangeOrderApplier;

  constructor(
    private readonly orders: OrderRepository,
    private readonly gateway: ExchangeGateway,
    private readonly clock: Clock,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly options: OrderCancellationOptions,
  ) {
    this.applier = new ExchangeOrderApplier(orders, clock);
  }

  async handle(event: StoredEvent): Promise<void> {
    if (event.type !== 'OrderCancelRequested') return;
    const { orderId } = event.data as OrderCancelRequested['data'];
    const { state } = await this.orders.load(orderId);
    if (state.status !== 'pending_cancel' || state.exchangeOrderId === null) return;
    const uuid = state.exchangeOrderId;

    try {
      await this.gateway.cancelOrder({ uuid });
    } catch (error) {
      if (!(error instanceof ExchangeRejectedError || error instanceof ExchangeNotFoundError)) throw error;
      await this.applier.record(orderId, event, 'cancel-rejected', {
        type: 'RecordCancelRejected',
        data: { reason: error.message, at: this.clock.now() },
      });
      await this.applier.apply(orderId, event, await this.gateway.getOrder({ uuid }));
      return;
    }

    let lastState = 'wait';
    for (let attempt = 1; attempt <= this.options.confirmAttempts; attempt += 1) {
      const order = await this.gateway.getOrder({ uuid });
      lastState = order.state;
      if (order.state === 'cancel' || order.state === 'done') {
        await this.applier.apply(orderId, event, order);
        return;
      }
      if (attempt < this.options.confirmAttempts) await this.wait(this.options.confirmIntervalMs);
    }
    throw new OrderOutcomeUnresolvedError(orderId, this.options.confirmAttempts, new Error(`the exchange still reports the order as ${lastState}`));
  }
}
