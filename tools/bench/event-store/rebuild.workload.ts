import type { NewEvent } from '@trader/application';
import { EventStoreRuntime } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BenchStreamCount, benchProjection } from './bench-count.entity';
import { eventsPerTransaction, payload, scratchDir, streamCount } from './bench-support';

export interface RebuildResult {
  readonly eps: number;
  readonly readEps: number;
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
  /** RSS after a full collection at 25%, 50%, 75% and 100% of the events. */
  readonly rssQuartilesMb: number[];
}

/** A full garbage collection before measuring, so the baseline is not inflated by the fill's garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

const mb = (bytes: number): number => bytes / 1_048_576;

/**
 * Workload 4: store `total` events, then rebuild a TypeORM projection from position 0, sampling RSS
 * after every batch. Baseline: reading (and decoding) the same events with `readAll` alone.
 */
export async function rebuild(total: number): Promise<RebuildResult> {
  const scratch = scratchDir();
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path: scratch.file('rebuild.db'), clock, tasks, readModelEntities: [BenchStreamCount] });
  try {
    for (let first = 0; first < total; first += eventsPerTransaction) {
      const events: NewEvent[] = Array.from({ length: eventsPerTransaction }, (_, i) => ({ eventId: `e-${first + i}`, type: 'OrderPlaced', data: payload(first + i) }));
      await runtime.store.appendBatch([{ streamId: `s-${(first / eventsPerTransaction) % streamCount}`, expectedVersion: 'any', events }]);
    }
    await runtime.addProjection(benchProjection());
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;

    let read = 0;
    let started = performance.now();
    for (const event of runtime.store.readAll(1)) read += event.position > 0 ? 1 : 0;
    const readEps = read / ((performance.now() - started) / 1_000);

    collectGarbage();
    let peak = process.memoryUsage().rss;
    const quartiles: number[] = [];
    started = performance.now();
    await runtime.rebuild(
      'bench-stream-counts',
      (progress) => {
        const rss = process.memoryUsage().rss;
        peak = Math.max(peak, rss);
        // At each quarter, what survives a full collection: garbage comes and goes, a leak stays.
        if (progress.processed >= ((quartiles.length + 1) * total) / 4) {
          collectGarbage();
          quartiles.push(process.memoryUsage().rss);
        }
      },
      5_000,
    );
    const eps = total / ((performance.now() - started) / 1_000);
    const rows = await (await runtime.readModelDataSource()).getRepository(BenchStreamCount).count();
    if (rows !== Math.min(streamCount, total / eventsPerTransaction)) throw new Error(`rebuild produced ${rows} rows`);
    return { eps, readEps, rssBeforeMb: mb(rssBefore), rssPeakMb: mb(peak), rssQuartilesMb: quartiles.map(mb) };
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
    scratch.remove();
  }
}
