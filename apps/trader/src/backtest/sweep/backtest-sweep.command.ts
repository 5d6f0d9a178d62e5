import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliOutput, CliUsageError } from '../../cli/cli-output';
import type { BacktestJob } from '../worker/backtest-job';
import { BacktestWorkerPool } from '../worker/backtest-worker-pool';
import { parseRankMetric } from './rank-metric';
import { aggregateOutOfSample, runSweep, runWalkForward } from './run-sweep';
import { parameterGrid, parseSweepParameter, applyParameterSet } from './sweep-parameter';
import { renderSweepTable, renderWalkForwardTable, sweepJson, walkForwardJson } from './sweep-report';
import { parseWalkForward, walkForwardWindows } from './walk-forward';

export interface SweepFlags {
  readonly params: readonly string[];
  readonly rankBy: string | undefined;
  readonly walkForward: string | undefined;
  readonly workers: string | undefined;
  readonly out: string | undefined;
}

/** `trader backtest --param … | --walk-forward …`: many runs in worker threads, one table. */
export async function backtestSweepCommand(job: BacktestJob, flags: SweepFlags, output: CliOutput): Promise<void> {
  const metric = parseRankMetric(flags.rankBy ?? 'sharpe');
  const grid = parameterGrid(flags.params.map(parseSweepParameter));
  // Builds every point's strategy now, so a wrong path is a usage error before any thread starts.
  for (const params of grid) applyParameterSet(job.strategy, params);
  const windows = flags.walkForward ? walkForwardWindows(job.from, job.to, parseWalkForward(flags.walkForward)) : null;
  if (!windows && flags.params.length === 0) throw new CliUsageError('--rank-by and --workers go with --param or --walk-forward');
  const pool = new BacktestWorkerPool(flags.workers === undefined ? {} : { size: parseWorkers(flags.workers) });
  try {
    const runs = windows ? windows.length * (grid.length + 1) : grid.length;
    output.err(`backtest: ${runs} runs on ${pool.size} worker threads`);
    let json: string;
    if (windows) {
      const results = await runWalkForward(pool, job, grid, windows, metric);
      const aggregate = aggregateOutOfSample(results);
      output.out(renderWalkForwardTable(results, aggregate, metric));
      json = walkForwardJson(results, aggregate, metric);
    } else {
      const ranked = await runSweep(pool, job, grid, metric);
      output.out(renderSweepTable(ranked, metric));
      json = sweepJson(ranked, metric);
    }
    if (flags.out) {
      await mkdir(flags.out, { recursive: true });
      const file = join(flags.out, 'sweep.json');
      await writeFile(file, json);
      output.err(`sweep written: ${file}`);
    }
  } finally {
    await pool.close();
  }
}

function parseWorkers(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256) throw new CliUsageError(`--workers "${text}" is not a whole number from 1 to 256`);
  return Number(text);
}
