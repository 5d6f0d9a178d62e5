import type { BacktestRun } from '../backtest-run';
import type { BacktestReport, BacktestRunSummary } from './backtest-report';
import { computeMetrics } from './compute-metrics';
import { tradesDigest } from './trades-digest';

/** The report of a run: a pure function of it, so the same run gives the same report, byte for byte. */
export function buildReport(run: BacktestRun): BacktestReport {
  return { schemaVersion: 1, run: runSummary(run), metrics: computeMetrics(run), tradesSha256: tradesDigest(run.trades) };
}

function runSummary(run: BacktestRun): BacktestRunSummary {
  return {
    strategyId: run.strategyId,
    strategyVersion: run.strategyVersion,
    markets: [...run.markets],
    timeframe: run.timeframe,
    from: run.from,
    to: run.to,
    initialQuote: run.initialQuote,
    finalEquity: run.finalEquity,
    feeRate: run.feeRate,
    slippageBps: run.slippageBps,
    decisions: run.decisions,
    candlesProcessed: run.candlesProcessed,
  };
}
