import type { BacktestReport } from '@trader/application';
import type { BacktestJob } from '../worker/backtest-job';
import type { BacktestWorkerPool } from '../worker/backtest-worker-pool';
import { compareByMetric, metricValue } from './rank-metric';
import type { RankMetric } from './rank-metric';
import { applyParameterSet } from './sweep-parameter';
import type { ParameterSet } from './sweep-parameter';
import type { WalkForwardWindow } from './walk-forward';

/** One grid point's run. `index` is its place in the grid, the tie-breaker of the ranking. */
export interface SweepResult {
  readonly index: number;
  readonly params: ParameterSet;
  readonly report: BacktestReport;
}

export interface WalkForwardResult {
  readonly window: WalkForwardWindow;
  /** The train run of the chosen parameters (the best of the grid, or the strategy as given). */
  readonly inSample: SweepResult;
  readonly outOfSample: SweepResult;
}

/**
 * Runs every grid point on [job.from, job.to) in the pool, all queued at once, and ranks them best first
 * by `metric`, ties by grid order: the table is the same whichever worker finishes first. The strategy
 * of each point is built (and so checked) before anything runs.
 */
export async function runSweep(pool: BacktestWorkerPool, job: BacktestJob, grid: readonly ParameterSet[], metric: RankMetric): Promise<SweepResult[]> {
  const jobs = grid.map((params) => ({ params, job: { ...job, strategy: applyParameterSet(job.strategy, params) } }));
  const results = await Promise.all(jobs.map(async ({ params, job: pointJob }, index) => ({ index, params, report: (await pool.run(pointJob)).report })));
  return rankResults(results, metric);
}

export function rankResults(results: readonly SweepResult[], metric: RankMetric): SweepResult[] {
  return [...results].sort((a, b) => compareByMetric(a.report, b.report, metric) || a.index - b.index);
}

/**
 * Walk-forward: in each window, the grid's best point on the train span (or the strategy as given
 * when the grid is the single empty point) is run on the test span that follows. Windows run side by
 * side in the pool; results come back in window order.
 */
export async function runWalkForward(
  pool: BacktestWorkerPool,
  job: BacktestJob,
  grid: readonly ParameterSet[],
  windows: readonly WalkForwardWindow[],
  metric: RankMetric,
): Promise<WalkForwardResult[]> {
  return Promise.all(
    windows.map(async (window) => {
      const ranked = await runSweep(pool, { ...job, from: window.trainFrom, to: window.trainTo }, grid, metric);
      const best = ranked[0] as SweepResult;
      const test = await pool.run({ ...job, strategy: applyParameterSet(job.strategy, best.params), from: window.trainTo, to: window.testTo });
      return { window, inSample: best, outOfSample: { index: best.index, params: best.params, report: test.report } };
    }),
  );
}

/** The out-of-sample figures over all windows: returns compounded (each test span starts afresh), trades summed. */
export interface OutOfSampleAggregate {
  readonly windows: number;
  readonly compoundedReturnPct: number;
  readonly meanReturnPct: number;
  /** Mean of the windows' figures that have one; null when none has. */
  readonly meanSharpe: number | null;
  readonly worstDrawdownPct: number;
  readonly trades: number;
}

export function aggregateOutOfSample(results: readonly WalkForwardResult[]): OutOfSampleAggregate {
  const reports = results.map((r) => r.outOfSample.report);
  const returns = reports.map((r) => metricValue(r, 'total_return') as number);
  const sharpes = reports.map((r) => r.metrics.sharpe).filter((s): s is number => s !== null);
  return {
    windows: reports.length,
    compoundedReturnPct: (returns.reduce((growth, r) => growth * (1 + r / 100), 1) - 1) * 100,
    meanReturnPct: returns.reduce((sum, r) => sum + r, 0) / Math.max(1, returns.length),
    meanSharpe: sharpes.length === 0 ? null : sharpes.reduce((sum, s) => sum + s, 0) / sharpes.length,
    worstDrawdownPct: Math.max(0, ...reports.map((r) => r.metrics.maxDrawdown.depthPct)),
    trades: reports.reduce((sum, r) => sum + r.metrics.trades.trades, 0),
  };
}
