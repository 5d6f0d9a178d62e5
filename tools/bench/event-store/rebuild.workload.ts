import type { Database } from 'better-sqlite3';
import type { RebuildProgress } from '@trader/events';
import { EventStoreRuntime, tradingProjections, tradingReadModelEntities } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scratchDir } from './bench-support';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tradingLogMarkets, tradingLogStrategies } from './trading-log';

export interface RebuildResult {
  /** Events in the log (all of them taken by one of the read models). */
  readonly events: number;
  /**
   * Median of the timed rounds: rebuilding rm-orders, rm-positions (+ rm_daily_pnl) and rm-strategies in
   * one pass, as the trader does: the store's page reader reads the log on its worker thread while the
   * main thread decodes and applies.
   */
  readonly eps: number;
  /** The same rebuild with every page read on the main thread (`readAheadFrom: Infinity`), in alternation with it. */
  readonly inlineEps: number;
  /** Median of the timed rounds: `readAll` from position 1, every event decoded, nothing written. */
  readonly readEps: number;
  readonly rounds: number;
  /**
   * Median, after each timed read-ahead rebuild, of checkpointing what it wrote into the database file
   * (`wal_checkpoint(TRUNCATE)`, untimed in the rebuild): what closing the store (`trader replay`) or the
   * checkpoint thread (`trader start`) pays for it afterwards.
   */
  readonly checkpointMs: number;
  /** WAL frames a read-ahead rebuild left (median): all it wrote, unless it crossed the checkpoint threshold itself. */
  readonly walFrames: number;
  readonly rssBeforeMb: number;
  /** Highest RSS seen after any batch of the memory rebuild (collections forced only at the quarters). */
  readonly rssPeakMb: number;
  /** RSS after a full collection at 25%, 50%, 75% and 100% of the events, in an untimed rebuild before the timed rounds. */
  readonly rssQuartilesMb: number[];
}

/** A full garbage collection before measuring, so the baseline is not inflated by the fill's garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

const mb = (bytes: number): number => bytes / 1_048_576;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rounds = 3;
/** `readAheadFrom` that keeps every page on the main thread. */
const inline = Number.POSITIVE_INFINITY;

/**
 * Workload 4: store a trading log of about `total` events (orders submitted, accepted, filled, the
 * positions they open and close, strategies switched on and off: see trading-log.ts), in a child
 * process, then rebuild the trader's read models (rm-orders, rm-positions with rm_daily_pnl,
 * rm-strategies) from position 0 in one pass, as `trader replay` does: in a process that appended
 * nothing.
 * The rebuild runs as the trader's does: pages read ahead by the store's page reader on its worker
 * thread (one more core), decoded and applied on the main thread. It is timed against the same rebuild
 * with every page read on the main thread, in alternation.
 * Baseline: reading (and decoding) the same events with `readAll` alone, on the main thread. One untimed
 * warm-up of each, one untimed rebuild sampling memory, then `rounds` timed rounds of baseline and both
 * rebuilds, each after a full collection and each rebuild on an empty WAL; medians are reported. After
 * each timed read-ahead rebuild, checkpointing the WAL frames it wrote is timed on its own.
 */
export async function rebuild(total: number): Promise<RebuildResult> {
  const scratch = scratchDir();
  const orders = Math.floor(total / 4);
  // Stored by a process of its own (see trading-log-fill.child.ts): this one appends nothing, as `trader replay`.
  // Its output goes to stderr: stdout carries the table.
  const filled = spawnSync(process.execPath, [...process.execArgv, join(__dirname, 'trading-log-fill.child.ts'), scratch.file('rebuild.db'), String(orders)], { stdio: ['ignore', 2, 2] });
  if (filled.status !== 0) {
    scratch.remove();
    throw new Error(`storing the trading log failed (exit ${filled.status ?? filled.signal})`);
  }
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path: scratch.file('rebuild.db'), clock, tasks, readModelEntities: [...tradingReadModelEntities] });
  try {
    const events = runtime.store.lastPosition();
    const projections = tradingProjections();
    for (const projection of projections) await runtime.addProjection(projection);

    const readAll = (): number => {
      let read = 0;
      for (const event of runtime.store.readAll(1)) read += event.position > 0 ? 1 : 0;
      if (read !== events) throw new Error(`read ${read} of ${events} events`);
      return read;
    };
    let sample: (processed: number) => void = () => undefined;
    const names = projections.map((projection) => projection.name);
    const rebuildAll = async (readAheadFrom?: number): Promise<number> => {
      const applied = new Map<string, number>();
      const onProgress = (progress: RebuildProgress): void => {
        applied.set(progress.projection, progress.processed);
        sample([...applied.values()].reduce((sum, n) => sum + n, 0));
      };
      await runtime.rebuildAll(names, onProgress, readAheadFrom === undefined ? {} : { readAheadFrom });
      return [...applied.values()].reduce((sum, n) => sum + n, 0);
    };

    readAll();
    await rebuildAll();
    await rebuildAll(inline);

    // Memory, in a rebuild of its own: the full collections at each quarter would otherwise sit in
    // the timed region, which the baseline does not pay for.
    collectGarbage();
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const quartiles: number[] = [];
    sample = (processed) => {
      peak = Math.max(peak, process.memoryUsage.rss());
      // At each quarter, what survives a full collection: garbage comes and goes, a leak stays.
      if (processed >= ((quartiles.length + 1) * events) / 4) {
        collectGarbage();
        quartiles.push(process.memoryUsage.rss());
      }
    };
    await rebuildAll();
    sample = () => undefined;

    const readRates: number[] = [];
    const rebuildRates: number[] = [];
    const inlineRates: number[] = [];
    const checkpoints: number[] = [];
    const frames: number[] = [];
    const db = runtime.db as Database;
    /** Checkpoints the whole WAL and truncates it; returns the frames it held. */
    const checkpoint = (): number => {
      const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
      db.pragma('wal_checkpoint(TRUNCATE)');
      return log;
    };
    const timedRebuild = async (rates: number[], readAheadFrom?: number): Promise<void> => {
      // Each starts on an empty WAL, as `trader replay` finds a store closed cleanly: otherwise every
      // other round paid, inside one of its commits, for checkpointing the round before it.
      checkpoint();
      collectGarbage();
      const started = performance.now();
      const applied = await rebuildAll(readAheadFrom);
      rates.push(events / ((performance.now() - started) / 1_000));
      if (applied !== events) throw new Error(`rebuild applied ${applied} of ${events} events`);
      if (readAheadFrom !== undefined) return;
      const checkpointStarted = performance.now();
      frames.push(checkpoint());
      checkpoints.push(performance.now() - checkpointStarted);
    };
    for (let round = 0; round < rounds; round += 1) {
      collectGarbage();
      const started = performance.now();
      readAll();
      readRates.push(events / ((performance.now() - started) / 1_000));
      // Which of the two rebuilds goes first alternates from round to round.
      if (round % 2 === 0) {
        await timedRebuild(rebuildRates);
        await timedRebuild(inlineRates, inline);
      } else {
        await timedRebuild(inlineRates, inline);
        await timedRebuild(rebuildRates);
      }
    }
    await checkReadModels(runtime, orders);
    return {
      events,
      eps: median(rebuildRates),
      inlineEps: median(inlineRates),
      readEps: median(readRates),
      rounds,
      checkpointMs: median(checkpoints),
      walFrames: median(frames),
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(peak),
      rssQuartilesMb: quartiles.map(mb),
    };
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
    scratch.remove();
  }
}

/** The rebuilt read models hold what the log says: every order filled, every position closed, strategies known. */
async function checkReadModels(runtime: EventStoreRuntime, orders: number): Promise<void> {
  const dataSource = await runtime.readModelDataSource();
  const count = async (sql: string): Promise<number> => ((await dataSource.query(sql)) as { n: number }[])[0].n;
  const filled = await count(`SELECT COUNT(*) AS n FROM rm_orders WHERE status = 'filled'`);
  const fills = await count('SELECT SUM(fills) AS n FROM rm_daily_pnl');
  const positions = await count('SELECT COUNT(*) AS n FROM rm_positions');
  const strategies = await count('SELECT COUNT(*) AS n FROM rm_strategies');
  if (filled !== orders || fills !== orders || positions !== Math.min(orders, tradingLogMarkets) || strategies !== tradingLogStrategies) {
    throw new Error(`read models do not match the log: ${JSON.stringify({ orders, filled, fills, positions, strategies })}`);
  }
}
