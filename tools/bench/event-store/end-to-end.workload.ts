import type { StoredEvent } from '@trader/application';
import { EventStoreRuntime } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { performance } from 'node:perf_hooks';
import { BenchStreamCount, benchProjection } from './bench-count.entity';
import { payload, quantile, scratchDir, streamCount } from './bench-support';

export interface EndToEndResult {
  readonly eps: number;
  /** Latency with the queues empty: each append waits for the previous event's projection commit. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Latency during the flood that measures `eps` (mostly time spent queued behind earlier events). */
  readonly floodP99Ms: number;
}

/**
 * Workload 3: append one event per command; three handlers (critical, high, low lanes) and one
 * TypeORM projection receive it. Throughput: `total` appends as fast as they are accepted, until the
 * projection has committed the last one. Latency, from the start of the append to the projection's
 * commit: a second phase of `total / 5` appends, each one after the previous event's commit.
 */
export async function endToEnd(total: number): Promise<EndToEndResult> {
  const paced = Math.floor(total / 5);
  const scratch = scratchDir();
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path: scratch.file('e2e.db'), clock, tasks, readModelEntities: [BenchStreamCount], queueCapacity: total + 10 });
  try {
    const appendedAt = new Float64Array(total + paced + 1);
    const latencies: number[] = [];
    let committed = 0;
    let waitingFor = total;
    let reached!: () => void;
    const until = (count: number): Promise<void> => {
      waitingFor = count;
      return new Promise<void>((resolve) => {
        reached = resolve;
      });
    };
    const handled = { critical: 0, high: 0, low: 0 };
    runtime.addSubscriber({ name: 'execution', lane: 'critical-trading', handle: async () => void (handled.critical += 1) });
    runtime.addSubscriber({ name: 'risk', lane: 'high-safety', handle: async () => void (handled.high += 1) });
    runtime.addSubscriber({ name: 'audit-log', lane: 'low-logging', handle: async () => void (handled.low += 1) });
    const projection = await runtime.addProjection(benchProjection());
    // Each event counts when the transaction that applied it has committed (alone or in a batch).
    const commit = (events: readonly StoredEvent[]): void => {
      const now = performance.now();
      for (const event of events) latencies.push(now - appendedAt[event.position]);
      committed += events.length;
      if (committed >= waitingFor) reached();
    };
    const applyOne = projection.handle.bind(projection);
    const applyBatch = projection.handleBatch.bind(projection);
    projection.handle = async (event: StoredEvent) => {
      await applyOne(event);
      commit([event]);
    };
    projection.handleBatch = async (events: readonly StoredEvent[], checkpoint: number) => {
      await applyBatch(events, checkpoint);
      commit(events);
    };
    runtime.start();
    const append = (n: number): Promise<unknown> => {
      appendedAt[n + 1] = performance.now();
      return runtime.publishing.append(`s-${n % streamCount}`, 'any', [{ eventId: `e-${n}`, type: 'OrderPlaced', data: payload(n) }]);
    };
    const flooded = until(total);
    const started = performance.now();
    for (let n = 0; n < total; n += 1) await append(n);
    await flooded;
    const eps = total / ((performance.now() - started) / 1_000);
    const floodP99Ms = quantile(latencies, 0.99);
    latencies.length = 0;
    for (let n = total; n < total + paced; n += 1) {
      const committedNow = until(n + 1);
      await append(n);
      await committedNow;
    }
    // The projection (medium lane) can finish before the other lanes have handled the last events: the
    // lanes take turns independently. Give them a moment to drain, then refuse a run that lost any.
    const drainedBy = performance.now() + 5_000;
    while ((handled.critical < total + paced || handled.high < total + paced) && performance.now() < drainedBy) await new Promise((resolve) => setTimeout(resolve, 10));
    if (handled.critical < total + paced || handled.high < total + paced) throw new Error(`handlers missed events: ${JSON.stringify(handled)}`);
    return { eps, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), floodP99Ms };
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
    scratch.remove();
  }
}
