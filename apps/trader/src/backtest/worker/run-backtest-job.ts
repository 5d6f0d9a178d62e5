import { buildReport } from '@trader/application';
import type { BacktestProgress } from '@trader/application';
import { SqliteMarketHistory } from '@trader/market-history';
import { pathExists } from '../path-exists';
import { runBacktest } from '../run-backtest';
import type { BacktestJob, BacktestJobResult } from './backtest-job';
import { BacktestHistoryMissingError } from './backtest-job.errors';

/** Runs one job where it is called (a worker thread): opens the history, runs, builds the report. */
export async function runBacktestJob(job: BacktestJob, onProgress: (progress: BacktestProgress) => void): Promise<BacktestJobResult> {
  if (!(await pathExists(job.historyPath))) throw new BacktestHistoryMissingError(job.historyPath);
  const history = await SqliteMarketHistory.open(job.historyPath, { readonly: true });
  try {
    const { run, eventsPath } = await runBacktest(
      {
        strategy: job.strategy,
        markets: job.markets,
        from: job.from,
        to: job.to,
        initialQuote: job.initialQuote,
        feeRate: job.feeRate,
        slippageBps: job.slippageBps,
        risk: job.risk,
        source: job.source,
        onProgress,
        ...(job.progressEvery === undefined ? {} : { progressEvery: job.progressEvery }),
      },
      history,
      job.keepEventsPath,
    );
    return { report: buildReport(run), run: job.includeRun ? run : null, eventsPath };
  } finally {
    history.close();
  }
}
