import type { StoredEvent } from '@trader/application';
import { BackpressureError } from '@trader/application';
import { EventStoreRuntime } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { payload, quantile, scratchDir } from './bench-support';

export interface CriticalUnderFloodResult {
  /** Critical events per phase kind (idle and flood get the same number). */
  readonly criticalEvents: number;
  readonly idleP50Ms: number;
  readonly idleP99Ms: number;
  readonly floodP50Ms: number;
  readonly floodP99Ms: number;
  /** Market-data events the lower lanes handled per second during the flood phases: they progress. */
  readonly floodHandledPerS: number;
  /**
   * p99 of the event loop's delay during the flood phases (how late a 1 ms timer fires): what any
   * callback waits for the thread, whatever the lanes do, with the operating system's preemption on a
   * loaded machine included. A critical handler that awaits I/O needs at least one such turn.
   */
  readonly floodLoopDelayP99Ms: number;
  /** Largest backlog of the slower lower lane seen during the flood phases: what the critical events overtook. */
  readonly maxBacklog: number;
}

const criticalTypes = new Set(['OrderSubmitted', 'OrderFilled']);
const criticalEveryMs = 2;
const floodBatch = 100;
const markets = 50;

/**
 * Market-data work of a fixed size (an indicator update over a window), so every event costs the lane
 * the same CPU time (about 40-80 µs here, depending on the machine's load).
 */
function indicatorWork(seed: number): number {
  let acc = seed;
  for (let i = 1; i <= 4_000; i += 1) acc = (acc * 0.999 + Math.sqrt(i + seed)) % 1e9;
  return acc;
}

/**
 * Latency of critical-lane events (orders and fills), from their append's commit to the end of the
 * critical subscriber's handler, with the lower lanes idle and while they flood, in the same run.
 *
 * - Critical: one `OrderSubmitted` or `OrderFilled` every 2 ms from a timer (the exchange's stream);
 *   the `execution` subscriber (critical-trading) awaits one event-loop turn, standing in for its I/O.
 * - Flood: a producer appends `TradeTicked` in batches of 100 as fast as backpressure lets it (waiting
 *   1 ms when a lane is full), so the lower lanes always have a backlog. `indicators` (medium-config)
 *   does a fixed CPU update per tick; `tick-archive` (low-logging) awaits one event-loop turn per tick.
 * - Phases alternate idle / flood, each with the same number of critical events, after one warm-up
 *   pair that is not counted. Between phases every lane drains.
 */
export async function criticalUnderFlood(perPhase: number, rounds: number): Promise<CriticalUnderFloodResult> {
  const scratch = scratchDir();
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path: scratch.file('flood.db'), clock, tasks, queueCapacity: 10_000 });
  try {
    const committedAt = new Map<number, number>();
    let current: number[] | undefined;
    let criticalHandled = 0;
    let lowerHandled = 0;
    let archived = 0;
    let sink = 0;
    runtime.addSubscriber({
      name: 'execution',
      lane: 'critical-trading',
      eventTypes: [...criticalTypes],
      handle: async (event: StoredEvent) => {
        await nextTurn();
        const at = committedAt.get(event.position);
        if (at === undefined) throw new Error(`no commit time for position ${event.position}`);
        committedAt.delete(event.position);
        current?.push(performance.now() - at);
        criticalHandled += 1;
      },
    });
    runtime.addSubscriber({
      name: 'indicators',
      lane: 'medium-config',
      eventTypes: ['TradeTicked'],
      handle: async (event: StoredEvent) => {
        sink += indicatorWork(event.position);
        lowerHandled += 1;
      },
    });
    runtime.addSubscriber({
      name: 'tick-archive',
      lane: 'low-logging',
      eventTypes: ['TradeTicked'],
      handle: async () => {
        await nextTurn();
        archived += 1;
      },
    });
    // Stamps critical events at their commit (the sink runs synchronously right after it).
    runtime.publishing.publishThrough((committed) => {
      const now = performance.now();
      for (const event of committed) if (criticalTypes.has(event.type)) committedAt.set(event.position, now);
      runtime.dispatcher.deliver(committed);
    });
    runtime.start();

    let seq = 0;
    const runCritical = async (count: number): Promise<void> => {
      const target = criticalHandled + count;
      for (let i = 0; i < count; i += 1) {
        await sleep(criticalEveryMs);
        const n = (seq += 1);
        await runtime.publishing.append(`order-${n}`, 'any', [{ eventId: `order-${n}`, type: n % 2 === 0 ? 'OrderFilled' : 'OrderSubmitted', data: payload(n) }]);
      }
      while (criticalHandled < target) await sleep(1);
    };
    let tick = 0;
    let stored = 0;
    let backlog = 0;
    const flood = async (until: { stop: boolean }): Promise<void> => {
      while (!until.stop) {
        const events = Array.from({ length: floodBatch }, () => {
          tick += 1;
          return { eventId: `tick-${tick}`, type: 'TradeTicked', data: payload(tick) };
        });
        try {
          await runtime.publishing.appendBatch([{ streamId: `trades-KRW-${tick % markets}`, expectedVersion: 'any', events }]);
          stored += floodBatch;
        } catch (error) {
          if (!(error instanceof BackpressureError)) throw error;
          await sleep(1);
          continue;
        }
        backlog = Math.max(backlog, stored - Math.min(lowerHandled, archived));
        await nextTurn();
      }
    };
    const drained = async (): Promise<void> => {
      while (runtime.dispatcher.stats().lanes.some((lane) => lane.queueDepth > 0)) await sleep(5);
    };
    const phase = async (flooded: boolean, into: number[] | undefined): Promise<number> => {
      current = into;
      backlog = 0;
      const handledBefore = lowerHandled;
      const started = performance.now();
      const until = { stop: !flooded };
      const producer = flooded ? flood(until) : Promise.resolve();
      // The flood builds its backlog before the first critical event is timed.
      if (flooded) while (backlog < 2_000) await sleep(1);
      await runCritical(perPhase);
      until.stop = true;
      await producer;
      const rate = (lowerHandled - handledBefore) / ((performance.now() - started) / 1_000);
      await drained();
      current = undefined;
      return rate;
    };

    await phase(false, undefined);
    await phase(true, undefined);
    let maxBacklog = 0;
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    const idle: number[] = [];
    const flooded: number[] = [];
    const rates: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await phase(false, idle);
      loopDelay.enable();
      rates.push(await phase(true, flooded));
      loopDelay.disable();
      maxBacklog = Math.max(maxBacklog, backlog);
    }
    if (sink === 0) throw new Error('indicator work was optimised away');
    return {
      criticalEvents: idle.length,
      idleP50Ms: quantile(idle, 0.5),
      idleP99Ms: quantile(idle, 0.99),
      floodP50Ms: quantile(flooded, 0.5),
      floodP99Ms: quantile(flooded, 0.99),
      floodLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      floodHandledPerS: rates.reduce((a, b) => a + b, 0) / rates.length,
      maxBacklog,
    };
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
    scratch.remove();
  }
}
