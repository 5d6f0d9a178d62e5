import type { OrderStatus } from '@trader/domain';
import { EventStore } from '../ports/event-store.port';
import { OrderRepository } from './order-repository';

const CLOSED: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

/** Our orders that are not closed yet: the ones whose state the exchange may have moved on without us. */
export interface TrackedOrders {
  /**
   * Ids of the open orders, oldest first, as of every event up to `caughtUpTo` (default: the store's
   * last position when called). A source that lags the store (a read model) waits until it has caught
   * up that far, and fails with a typed error if it does not in time.
   */
  openOrderIds(caughtUpTo?: number): Promise<readonly string[]>;
}

export const TRACKED_ORDERS = Symbol('TRACKED_ORDERS');

/**
 * Finds open orders by scanning the whole event log for submitted orders and loading each: always
 * current, but linear in the number of stored events. For the application's tests (no read model
 * there) and as the baseline of the kill-switch benchmark; the app uses the order read model instead.
 */
export class ScannedTrackedOrders implements TrackedOrders {
  constructor(
    private readonly store: EventStore,
    private readonly orders: OrderRepository,
  ) {}

  async openOrderIds(): Promise<readonly string[]> {
    const open: string[] = [];
    for (const event of this.store.readAll()) {
      if (event.type !== 'OrderSubmitted') continue;
      const { orderId } = event.data as { orderId: string };
      const { state } = await this.orders.load(orderId);
      if (!CLOSED.includes(state.status)) open.push(orderId);
    }
    return open;
  }
}
