import type { BacktestRun, BacktestTrade } from '../backtest/backtest-run';

/** 2025-11-01T00:00:00Z, a UTC midnight, so fixture days line up with the report's day ends. */
export const FIXTURE_DAY_0 = Date.UTC(2025, 10, 1);
export const FIXTURE_DAY_MS = 86_400_000;

/** A closed winning KRW-BTC trade; override what a test is about. */
export function backtestTradeFixture(overrides: Partial<BacktestTrade> = {}): BacktestTrade {
  return {
    market: 'KRW-BTC',
    openedAt: FIXTURE_DAY_0,
    closedAt: FIXTURE_DAY_0 + 3_600_000,
    entryPrice: '100000000',
    exitPrice: '103000000',
    volume: '0.0001',
    invested: '10005',
    proceeds: '10294.85',
    pnl: '289.85',
    returnPct: (289.85 / 10005) * 100,
    fees: '10.15',
    buys: 1,
    entryRule: 'rsi_dip',
    exitRule: 'take_profit',
    ...overrides,
  };
}

/**
 * A small valid run (three days, equity 100 -> 121, no trades) for report tests; a test states the
 * fields its expectations depend on in `overrides`.
 */
export function backtestRunFixture(overrides: Partial<BacktestRun> = {}): BacktestRun {
  const day = (n: number): number => FIXTURE_DAY_0 + n * FIXTURE_DAY_MS;
  return {
    strategyId: 'rsi-dip',
    strategyVersion: 1,
    markets: ['KRW-BTC'],
    timeframe: '1m',
    from: day(0),
    to: day(3),
    initialQuote: '100',
    finalEquity: '121',
    feeRate: '0.0005',
    slippageBps: 0,
    equity: [
      { at: day(0), equity: 100 },
      { at: day(1), equity: 110 },
      { at: day(2), equity: 99 },
      { at: day(3), equity: 121 },
    ],
    equityIntervalMs: 60_000,
    exposureMs: 0,
    trades: [],
    decisions: 0,
    candlesProcessed: 3 * 1440,
    chart: {},
    ...overrides,
  };
}
