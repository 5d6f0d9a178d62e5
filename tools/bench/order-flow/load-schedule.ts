import { setTimeout as delay } from 'node:timers/promises';
import { OrderPlan, PlannedOrder } from './order-plan';

export interface LoadHandlers {
  /** Sends one order; `submittedAt` is taken just before the request leaves. */
  order(order: PlannedOrder): Promise<void>;
  /** Cancels one resting order, if one is known to rest on the exchange. */
  cancel(): Promise<void>;
}

/**
 * Fires every order and cancel of the plan at its offset from now, without waiting for earlier ones
 * to finish (an open-loop load, as a steady stream of operators would send), then waits for all.
 */
export async function runLoad(plan: OrderPlan, handlers: LoadHandlers): Promise<{ startedAt: number; endedAt: number }> {
  const actions = [
    ...plan.orders.map((o) => ({ atMs: o.atMs, run: () => handlers.order(o) })),
    ...plan.cancelAtMs.map((atMs) => ({ atMs, run: () => handlers.cancel() })),
  ].sort((a, b) => a.atMs - b.atMs);
  const startedAt = Date.now();
  const inFlight: Array<Promise<void>> = [];
  for (const action of actions) {
    const wait = startedAt + action.atMs - Date.now();
    if (wait > 0) await delay(wait);
    inFlight.push(action.run());
  }
  const endedAt = Date.now();
  await Promise.all(inFlight);
  return { startedAt, endedAt };
}

/** Resting orders the exchange accepted, oldest first: the cancels take them in that order. */
export class RestingOrders {
  private readonly queue: string[] = [];
  private readonly seen = new Set<string>();

  accepted(orderId: string): void {
    if (this.seen.has(orderId)) return;
    this.seen.add(orderId);
    this.queue.push(orderId);
  }

  takeOldest(): string | undefined {
    return this.queue.shift();
  }
}
