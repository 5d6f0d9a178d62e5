import { AsyncResource } from 'node:async_hooks';
/** Starts a long-running worker loop under a name (the app hands it to the runtime's TaskManager). */
export type WorkerSpawner = (name: string, body: (signal: AbortSignal) => Promise<void>) => void;

interface WorkItem {
  readonly orderId: string;
  readonly run: () => Promise<void>;
}

/**
 * Exchange work for orders (a send, a lookup, a cancel), taken off the event lane so one slow order
 * never holds up the others. A fixed number of workers take items in arrival order; an order has at
 * most one item queued or running at a time, so no two workers ever act on the same order at once.
 * A failing item is reported and dropped, never retried here: what is left unresolved is picked up
 * again by the periodic sweep or by reconciliation, both of which look the order up.
 */
export class OrderWorkQueue {
  private readonly pending: WorkItem[] = [];
  private readonly busy = new Set<string>();
  private readonly sleepers = new Set<() => void>();
  private readonly idleWaiters: (() => void)[] = [];
  private running = 0;

  constructor(
    readonly name: string,
    private readonly onFailure: (orderId: string, error: unknown) => void,
  ) {}

  /** Queues `run` for the order unless work for it is already queued or running; says whether it queued. */
  offer(orderId: string, run: () => Promise<void>): boolean {
    if (this.busy.has(orderId)) return false;
    this.busy.add(orderId);
    // The job runs in the async context it was offered in, not the worker's: whatever that context
    // carries (the trace of the event that caused the job) follows the order to the exchange. Not
    // `AsyncResource.bind`: on Node 20 it defines deprecated getters on every bound function, about
    // 19 µs an order in the backtest profile; a resource captures the same context at construction.
    const context = new AsyncResource('OrderWork');
    this.pending.push({ orderId, run: () => context.runInAsyncScope(run) });
    for (const wake of this.sleepers) wake();
    return true;
  }

  /** True while work for the order is queued or running: its exchange request may be in flight. */
  isBusyWith(orderId: string): boolean {
    return this.busy.has(orderId);
  }

  depth(): number {
    return this.pending.length + this.running;
  }

  /** Starts `workers` loops; each ends when its signal aborts. */
  start(workers: number, spawn: WorkerSpawner): void {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`${this.name}: workers must be an integer >= 1, got ${workers}`);
    for (let index = 1; index <= workers; index += 1) spawn(`${this.name}.worker-${index}`, (signal) => this.work(signal));
  }

  /** Resolves once nothing is queued or running (tests, benchmarks, shutdown). */
  idle(): Promise<void> {
    if (this.busy.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async work(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const item = this.pending.shift();
      if (!item) {
        await this.nextItem(signal);
        continue;
      }
      this.running += 1;
      try {
        await item.run();
      } catch (error) {
        this.onFailure(item.orderId, error);
      } finally {
        this.running -= 1;
        this.busy.delete(item.orderId);
        if (this.busy.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }

  private nextItem(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.sleepers.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.sleepers.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
