import type { Clock, OrderCancelRequested } from '@trader/domain';
import { StoredEvent } from '../../ports/event-envelope';
import { ExchangeNotFoundError, ExchangeRejectedError } from '../../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../../ports/exchange-gateway.port';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { EventStore } from '../../ports/event-store.port';
import { ORDER_AGGREGATE, OrderRepository } from '../order-repository';
import { OrderWorkQueue, WorkerSpawner } from '../order-work/order-work-queue';
import { retryOnConflict } from '../../trading/conflict-retry';
import { OrderOutcomeUnresolvedError } from '../order-execution/order-execution.errors';

export interface OrderCancellationOptions {
  /** How often the order is looked up after the cancel request, waiting for the exchange to close it. */
  readonly confirmAttempts: number;
  readonly confirmIntervalMs: number;
  /** Cancels sent or confirmed at the same time (default 4); the client's rate limiter paces them further. */
  readonly concurrency?: number;
}

/**
 * Sends a stored cancel request to the exchange and records how the order ended. Upbit answers a cancel
 * with the order as it was (usually still `wait`), so the close is confirmed by looking the order up:
 * `cancel` records the cancel (after any trades that happened first), `done` records the fills that
 * beat the cancel. An exchange that refuses the cancel (the order already finished) brings the order
 * back from pending-cancel and syncs what it knows. The private stream's recorder may close the order
 * first, whatever the order of its update and our REST answers: the saga then stops.
 *
 * The requests run in a bounded pool of workers off the lane (like the execution saga's), so a cancel
 * waiting on the exchange holds up neither other orders nor the read models on the lane. A job that
 * gives up leaves the order pending-cancel; the periodic sweep (`resolveOutstanding`) takes it up again.
 */
export class OrderCancellationSaga {
  readonly name = 'order-cancellation';
  readonly eventTypes = ['OrderCancelRequested'] as const;
  readonly work: OrderWorkQueue;
  private readonly applier: ExchangeOrderApplier;

  constructor(
    private readonly orders: OrderRepository,
    private readonly store: EventStore,
    private readonly gateway: ExchangeGateway,
    private readonly clock: Clock,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly options: OrderCancellationOptions,
    onFailure: (orderId: string, error: unknown) => void = () => undefined,
  ) {
    this.applier = new ExchangeOrderApplier(orders, clock);
    this.work = new OrderWorkQueue('order-cancellation', onFailure);
  }

  /** Starts the workers that send cancels and confirm them (the app passes the TaskManager). */
  start(spawn: WorkerSpawner): void {
    this.work.start(this.options.concurrency ?? 4, spawn);
  }

  async handle(event: StoredEvent): Promise<void> {
    if (event.type !== 'OrderCancelRequested') return;
    const { orderId } = event.data as OrderCancelRequested['data'];
    const { state } = await this.orders.load(orderId);
    if (state.status !== 'pending_cancel' || state.exchangeOrderId === null) return;
    const uuid = state.exchangeOrderId;
    this.work.offer(orderId, () => this.cancel(orderId, uuid, event));
  }

  /**
   * Sends the cancel again for every order among `orderIds` still pending-cancel that no worker is busy
   * with (a job that gave up). Cancelling is safe to repeat: a closed order's cancel is refused, and the
   * refusal is followed by a lookup that records how it ended.
   */
  async resolveOutstanding(orderIds: readonly string[]): Promise<number> {
    let offered = 0;
    for (const orderId of orderIds) {
      if (this.work.isBusyWith(orderId)) continue;
      const { state } = await this.orders.load(orderId);
      if (state.status !== 'pending_cancel' || state.exchangeOrderId === null) continue;
      const uuid = state.exchangeOrderId;
      const requested = [...this.store.readStream(`${ORDER_AGGREGATE}-${orderId}`)].filter((e) => e.type === 'OrderCancelRequested').at(-1);
      if (requested && this.work.offer(orderId, () => this.cancel(orderId, uuid, requested))) offered += 1;
    }
    return offered;
  }

  /** Resolves once no cancel is queued or running. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private async cancel(orderId: string, uuid: string, event: StoredEvent): Promise<void> {

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
      // and retry here runs off the lane, in this saga's workers.
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
