import { WorkerSpawner } from '../orders/order-work/order-work-queue';

export interface TestWorkers {
  readonly spawn: WorkerSpawner;
  /** Aborts every worker loop and waits for it to end. */
  stop(): Promise<void>;
}

/** Runs worker loops in the test's own process, as the TaskManager does in the app. */
export function testWorkers(): TestWorkers {
  const controller = new AbortController();
  const loops: Promise<void>[] = [];
  return {
    spawn: (_name, body) => {
      loops.push(body(controller.signal));
    },
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
    },
  };
}
