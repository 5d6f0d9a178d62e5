import type { BacktestRun, ChartCandle } from '@trader/application';
import { backtestRunFixture, backtestTradeFixture, FIXTURE_DAY_0, FIXTURE_DAY_MS } from '@trader/application/testing';

const HOUR = 3_600_000;

/** Hourly candles over three days on a smooth deterministic wave around `base`. */
function hourlyCandles(base: number): ChartCandle[] {
  return Array.from({ length: 72 }, (_, hour) => {
    const open = base * (1 + 0.02 * Math.sin(hour / 6));
    const close = base * (1 + 0.02 * Math.sin((hour + 1) / 6));
    return { start: FIXTURE_DAY_0 + hour * HOUR, open, close, high: Math.max(open, close) * 1.003, low: Math.min(open, close) * 0.997 };
  });
}

/**
 * A three-day run on two markets with a winner, a loser and a trade still open at the end, equity
 * points every six hours and hourly chart candles: enough for every part of the rendered report.
 */
export function sampleBacktestRun(overrides: Partial<BacktestRun> = {}): BacktestRun {
  const equity = Array.from({ length: 13 }, (_, step) => ({ at: FIXTURE_DAY_0 + step * 6 * HOUR, equity: 1_000_000 + [0, 1200, 800, -3000, -5200, -1000, 2500, 4100, 3900, 1500, 2600, 3100, 2750.5][step] }));
  return backtestRunFixture({
    strategyId: 'rsi-dip',
    markets: ['KRW-BTC', 'KRW-ETH'],
    initialQuote: '1000000',
    finalEquity: '1002750.5',
    equity,
    exposureMs: 30 * HOUR,
    decisions: 7,
    candlesProcessed: 2 * 3 * 1440,
    chart: { 'KRW-BTC': hourlyCandles(100_000_000), 'KRW-ETH': hourlyCandles(5_000_000) },
    trades: [
      backtestTradeFixture({ openedAt: FIXTURE_DAY_0 + 2 * HOUR, closedAt: FIXTURE_DAY_0 + 9 * HOUR, exitRule: 'take_profit' }),
      backtestTradeFixture({
        market: 'KRW-ETH',
        openedAt: FIXTURE_DAY_0 + 20 * HOUR,
        closedAt: FIXTURE_DAY_0 + 30 * HOUR,
        entryPrice: '5000000',
        exitPrice: '4750000',
        volume: '0.002',
        invested: '10005',
        proceeds: '9495.25',
        pnl: '-509.75',
        returnPct: (-509.75 / 10005) * 100,
        fees: '9.75',
        exitRule: 'stop_loss',
      }),
      backtestTradeFixture({ openedAt: FIXTURE_DAY_0 + 2 * FIXTURE_DAY_MS + 4 * HOUR, closedAt: null, exitPrice: '101000000', proceeds: '10094.95', pnl: '89.95', returnPct: (89.95 / 10005) * 100, fees: '10.05', exitRule: 'end_of_run' }),
    ],
    ...overrides,
  });
}
