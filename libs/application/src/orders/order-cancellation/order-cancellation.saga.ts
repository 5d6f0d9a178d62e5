import type { Clock, OrderCancelRequested } from '@trader/domain';
import { StoredEvent } from '../../ports/event-envelope';
import { ExchangeNotFoundError, ExchangeRejectedError } from '../../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../../ports/exchange-gateway.port';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { OrderRepository } from '../order-repository';
import { retryOnConflict } from '../../trading/conflict-retry';
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
 * back from pending-cancel and syncs what it knows. The private stream's recorder may close the order
 * first, whatever the order of its update and our REST answers: the saga then stops.
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
      if (!(await this.awaitingCancel(orderId))) return;
      await retryOnConflict(() =>
        this.applier.record(orderId, event, 'cancel-rejected', {
          type: 'RecordCancelRejected',
          data: { reason: error.message, at: this.clock.now() },
        }),
      );
      const order = await this.gateway.getOrder({ uuid });
      await retryOnConflict(() => this.applier.apply(orderId, event, order));
      return;
    }

    let lastState = 'wait';
    for (let attempt = 1; attempt <= this.options.confirmAttempts; attempt += 1) {
      // The private stream usually tells first (Upbit and the simulator push `cancel` before they answer
      // the DELETE, and the order lookup can lag): once the recorder stored the close there is nothing
      // left to confirm, and a lookup still showing `wait` must not fail the event. Every lookup, wait
      // and retry here also holds the other subscribers of the critical lane, the order read model too.
      if (!(await this.awaitingCancel(orderId))) return;
      const order = await this.gateway.getOrder({ uuid });
      lastState = order.state;
      if (order.state === 'cancel' || order.state === 'done') {
        // The recorder appends to the same stream: a conflict is decided again (the applier's steps are
        // idempotent) rather than failing the event into the lane's back-off.
        await retryOnConflict(() => this.applier.apply(orderId, event, order));
        return;
      }
      if (attempt < this.options.confirmAttempts) await this.wait(this.options.confirmIntervalMs);
    }
    throw new OrderOutcomeUnresolvedError(orderId, this.options.confirmAttempts, new Error(`the exchange still reports the order as ${lastState}`));
  }

  /** False once the order left pending-cancel: the private stream recorded its close (or a last fill). */
  private async awaitingCancel(orderId: string): Promise<boolean> {
    return (await this.orders.load(orderId)).state.status === 'pending_cancel';
  }
}
