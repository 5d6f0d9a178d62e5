import type { OrderStatus } from '@trader/domain';
import { EventStore } from '../ports/event-store.port';
import { OrderRepository } from './order-repository';

const CLOSED: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

/** Our orders that are not closed yet: the ones whose state the exchange may have moved on without us. */
export interface TrackedOrders {
  openOrderIds(): Promise<readonly string[]>;
}

export const TRACKED_ORDERS = Symbol('TRACKED_ORDERS');

/**
 * Finds open orders by scanning the event log for submitted orders and loading each. Linear in the
 * number of stored events: for tests and small stores; the app uses the order read model instead.
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
