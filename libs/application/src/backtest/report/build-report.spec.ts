import { backtestRunFixture, backtestTradeFixture } from '../../testing/backtest-run.fixture';
import { buildReport } from './build-report';
import { computeMetrics } from './compute-metrics';
import { tradesDigest } from './trades-digest';

describe('buildReport', () => {
  const run = backtestRunFixture({ trades: [backtestTradeFixture(), backtestTradeFixture({ pnl: '-12.5', returnPct: -0.125, exitRule: 'stop_loss' })] });

  it('joins the run summary, its metrics and the digest of its trades', () => {
    const report = buildReport(run);
    expect(report.schemaVersion).toBe(1);
    expect(report.run).toEqual({
      strategyId: 'rsi-dip',
      strategyVersion: 1,
      markets: ['KRW-BTC'],
      timeframe: '1m',
      from: run.from,
      to: run.to,
      initialQuote: '100',
      finalEquity: '121',
      feeRate: '0.0005',
      slippageBps: 0,
      decisions: 0,
      candlesProcessed: 4320,
    });
    expect(report.metrics).toEqual(computeMetrics(run));
    expect(report.tradesSha256).toBe(tradesDigest(run.trades));
  });

  it('gives the same report for the same run', () => {
    expect(JSON.stringify(buildReport(run))).toBe(JSON.stringify(buildReport(backtestRunFixture({ trades: [...run.trades] }))));
  });
});
