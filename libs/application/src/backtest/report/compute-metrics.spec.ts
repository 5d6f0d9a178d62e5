import { backtestRunFixture, backtestTradeFixture, FIXTURE_DAY_0, FIXTURE_DAY_MS } from '../../testing/backtest-run.fixture';
import { BacktestReportInputError } from './backtest-report.errors';
import { computeMetrics } from './compute-metrics';

const day = (n: number): number => FIXTURE_DAY_0 + n * FIXTURE_DAY_MS;
const HOUR = 3_600_000;

/** value / expected, for quantities too large for an absolute tolerance (CAGR over a few days). */
function relativeTo(expected: number, value: number | null): number {
  if (value === null) throw new Error('expected a value, got null');
  return value / expected;
}

describe('computeMetrics', () => {
  describe('on the equity series 100, 110, 99, 121 at four consecutive UTC midnights', () => {
    // Day-end values 100 | 110 | 99 | 121, so three daily returns:
    //   r1 = 110/100 - 1 = 0.1, r2 = 99/110 - 1 = -0.1, r3 = 121/99 - 1 = 2/9.
    //   mean = (0.1 - 0.1 + 2/9) / 3 = 2/27 ~ 0.0741
    //   deviations from the mean, in 27ths: 0.7, -4.7, 4; squares sum to (0.49 + 22.09 + 16) / 729 = 38.58 / 729
    //   sample variance (n - 1 = 2) = 38.58 / 1458, sd ~ 0.1627 -> Sharpe = 0.0741 / 0.1627 x sqrt(365) ~ 8.70
    //   downside deviation = sqrt((-0.1)^2 / 3) = sqrt(0.01 / 3) ~ 0.0577 -> Sortino ~ 24.51
    // Peak 110 on day 1, trough 99 on day 2: (110 - 99) / 110 = 10%; back above 110 on day 3: 2 days long.
    // Total return 21/100 = 21%; CAGR over 3 days = 1.21^(365/3) - 1; Calmar = CAGR / 10.
    const metrics = computeMetrics(backtestRunFixture({ exposureMs: 1.5 * FIXTURE_DAY_MS }));

    it('measures total return and CAGR over the calendar span', () => {
      expect(metrics.totalReturnPct).toBe(21);
      expect(relativeTo((1.21 ** (365 / 3) - 1) * 100, metrics.cagrPct)).toBeCloseTo(1, 12);
    });

    it('finds the 10% drawdown from day 1 and its recovery on day 3', () => {
      expect(metrics.maxDrawdown.depthPct).toBeCloseTo(10, 12);
      expect(metrics.maxDrawdown).toMatchObject({ peakAt: day(1), troughAt: day(2), recoveredAt: day(3), durationMs: 2 * FIXTURE_DAY_MS });
    });

    it('computes Sharpe and Sortino on daily returns annualised with sqrt(365)', () => {
      expect(metrics.days).toBe(3);
      expect(metrics.sharpe).toBeCloseTo((2 / 27 / Math.sqrt(38.58 / 1458)) * Math.sqrt(365), 10);
      expect(metrics.sharpe).toBeCloseTo(8.7, 1);
      expect(metrics.sortino).toBeCloseTo((2 / 27 / Math.sqrt(0.01 / 3)) * Math.sqrt(365), 10);
      expect(metrics.sortino).toBeCloseTo(24.51, 2);
    });

    it('derives Calmar from CAGR and the drawdown depth, and exposure from the span', () => {
      expect(relativeTo((1.21 ** (365 / 3) - 1) * 10, metrics.calmar)).toBeCloseTo(1, 10);
      // 1.5 of 3 days with a position open.
      expect(metrics.exposurePct).toBe(50);
    });
  });

  it('reports a drawdown still open at the end, lasting from its peak to the end of the run', () => {
    // 100, 120, 90, 96 at midnights of days 0..3, final equity 108 at day 4 (appended at `to`).
    // Peak 120 on day 1, trough 90 on day 2: 30 / 120 = 25%; never back at 120: 3 days to the end.
    const metrics = computeMetrics(
      backtestRunFixture({
        to: day(4),
        finalEquity: '108',
        equity: [
          { at: day(0), equity: 100 },
          { at: day(1), equity: 120 },
          { at: day(2), equity: 90 },
          { at: day(3), equity: 96 },
        ],
      }),
    );
    expect(metrics.maxDrawdown).toEqual({ depthPct: 25, peakAt: day(1), troughAt: day(2), recoveredAt: null, durationMs: 3 * FIXTURE_DAY_MS });
    expect(metrics.totalReturnPct).toBe(8);
    // Returns 0.2, -0.25, 96/90 - 1, 108/96 - 1: four days whose growth compounds to 1.08, the total return.
    expect(metrics.days).toBe(4);
    // CAGR over 4 days: 1.08^(365/4) - 1; Calmar divides it by 25.
    expect(relativeTo((1.08 ** (365 / 4) - 1) * 100, metrics.cagrPct)).toBeCloseTo(1, 10);
    expect(relativeTo((1.08 ** (365 / 4) - 1) * 4, metrics.calmar)).toBeCloseTo(1, 10);
  });

  it('leaves every undefined statistic null on a flat run without trades, never NaN', () => {
    const metrics = computeMetrics(
      backtestRunFixture({
        markets: ['KRW-BTC', 'KRW-ETH'],
        finalEquity: '100',
        equity: [
          { at: day(0), equity: 100 },
          { at: day(3), equity: 100 },
        ],
      }),
    );
    expect(metrics.totalReturnPct).toBe(0);
    expect(metrics.cagrPct).toBe(0);
    expect(metrics.maxDrawdown).toEqual({ depthPct: 0, peakAt: day(0), troughAt: day(0), recoveredAt: null, durationMs: 0 });
    // Three days of 0% returns: no deviation, so neither ratio has a value; no drawdown, no Calmar.
    expect([metrics.sharpe, metrics.sortino, metrics.calmar]).toEqual([null, null, null]);
    expect(metrics.trades).toEqual({
      trades: 0,
      wins: 0,
      losses: 0,
      openAtEnd: 0,
      winRatePct: null,
      profitFactor: null,
      expectancy: null,
      grossProfit: '0',
      grossLoss: '0',
      netPnl: '0',
      fees: '0',
      averageWin: null,
      averageLoss: null,
      averageTradePct: null,
      bestTradePct: null,
      worstTradePct: null,
      bestTradePnl: null,
      worstTradePnl: null,
      averageHoldingMs: null,
    });
    expect(metrics.byMarket.map((b) => [b.key, b.stats.trades])).toEqual([
      ['KRW-BTC', 0],
      ['KRW-ETH', 0],
    ]);
    expect(metrics.byExitRule).toEqual([]);
    expect(JSON.stringify(metrics)).not.toContain('NaN');
  });

  it('gives no Sharpe or Sortino to a run shorter than two days', () => {
    // 09:00 to 21:00 of one day: no midnight inside, a single (partial) daily return.
    const metrics = computeMetrics(backtestRunFixture({ from: day(0) + 9 * HOUR, to: day(0) + 21 * HOUR, finalEquity: '101', equity: [] }));
    expect(metrics.days).toBe(1);
    expect([metrics.sharpe, metrics.sortino]).toEqual([null, null]);
    expect(metrics.totalReturnPct).toBe(1);
  });

  it('gives an infinite profit factor when every trade wins', () => {
    // Gross profit 150.5 + 49.5 = 200, no loss -> inf; expectancy 200 / 2 = 100; average % (15.05 + 4.95) / 2 = 10.
    const { trades } = computeMetrics(
      backtestRunFixture({
        trades: [backtestTradeFixture({ pnl: '150.5', returnPct: 15.05 }), backtestTradeFixture({ pnl: '49.5', returnPct: 4.95 })],
      }),
    );
    expect(trades).toMatchObject({ trades: 2, wins: 2, losses: 0, winRatePct: 100, profitFactor: Infinity, expectancy: '100', grossLoss: '0', averageWin: '100', averageLoss: null });
    expect(trades.averageTradePct).toBeCloseTo(10, 12);
  });

  describe('with winners and losers in two markets and three exit rules', () => {
    // A: BTC +300   (3%),     fees 10.25,  take_profit, held 2 h
    // B: BTC -100   (-1%),    fees 9.75,   stop_loss,   held 4 h
    // C: ETH -50.5  (-2.02%), fees 5.0005, stop_loss,   held 6 h
    // D: ETH +20    (0.8%),   fees 2,      still open at the end (day 3), opened day 2 12:00: held 12 h
    const run = backtestRunFixture({
      markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'],
      trades: [
        backtestTradeFixture({ market: 'KRW-BTC', pnl: '300', returnPct: 3, fees: '10.25', exitRule: 'take_profit', openedAt: day(0), closedAt: day(0) + 2 * HOUR }),
        backtestTradeFixture({ market: 'KRW-BTC', pnl: '-100', returnPct: -1, fees: '9.75', exitRule: 'stop_loss', openedAt: day(1), closedAt: day(1) + 4 * HOUR }),
        backtestTradeFixture({ market: 'KRW-ETH', pnl: '-50.5', returnPct: -2.02, fees: '5.0005', exitRule: 'stop_loss', openedAt: day(1), closedAt: day(1) + 6 * HOUR }),
        backtestTradeFixture({ market: 'KRW-ETH', pnl: '20', returnPct: 0.8, fees: '2', exitRule: 'end_of_run', openedAt: day(2) + 12 * HOUR, closedAt: null }),
      ],
    });
    const metrics = computeMetrics(run);

    it('sums money exactly and averages per trade', () => {
      // Gross profit 300 + 20 = 320, gross loss 100 + 50.5 = 150.5, net 169.5; fees 27.0005 exactly.
      // Expectancy 169.5 / 4 = 42.375 -> 42.38 (half-even: 7 is odd, so the 5 rounds up).
      expect(metrics.trades).toMatchObject({
        trades: 4,
        wins: 2,
        losses: 2,
        openAtEnd: 1,
        winRatePct: 50,
        grossProfit: '320',
        grossLoss: '150.5',
        netPnl: '169.5',
        fees: '27.0005',
        expectancy: '42.38',
        averageWin: '160',
        averageLoss: '-75.25',
        bestTradePct: 3,
        worstTradePct: -2.02,
        // The worst trade in KRW (B) is not the worst in percent (C).
        bestTradePnl: '300',
        worstTradePnl: '-100',
        // (2 + 4 + 6 + 12) h / 4 = 6 h.
        averageHoldingMs: 6 * HOUR,
      });
      expect(metrics.trades.profitFactor).toBeCloseTo(320 / 150.5, 12);
      // (3 - 1 - 2.02 + 0.8) / 4 = 0.195.
      expect(metrics.trades.averageTradePct).toBeCloseTo(0.195, 12);
    });

    it('breaks the trades down per market, in the run order, a market without trades included', () => {
      const byMarket = Object.fromEntries(metrics.byMarket.map((b) => [b.key, b.stats]));
      expect(metrics.byMarket.map((b) => b.key)).toEqual(['KRW-BTC', 'KRW-ETH', 'KRW-XRP']);
      // BTC: 300 / 100 = 3; net 200, 100 per trade; fees 10.25 + 9.75 = 20.
      expect(byMarket['KRW-BTC']).toMatchObject({ trades: 2, profitFactor: 3, netPnl: '200', expectancy: '100', fees: '20' });
      // ETH: 20 / 50.5; net -30.5, -15.25 per trade; fees 7.0005.
      expect(byMarket['KRW-ETH']).toMatchObject({ trades: 2, netPnl: '-30.5', expectancy: '-15.25', fees: '7.0005', openAtEnd: 1 });
      expect(byMarket['KRW-ETH'].profitFactor).toBeCloseTo(20 / 50.5, 12);
      expect(byMarket['KRW-XRP']).toMatchObject({ trades: 0, profitFactor: null, netPnl: '0' });
    });

    it('breaks the trades down per exit rule, sorted by rule id', () => {
      expect(metrics.byExitRule.map((b) => [b.key, b.stats.trades, b.stats.netPnl])).toEqual([
        ['end_of_run', 1, '20'],
        ['stop_loss', 2, '-150.5'],
        ['take_profit', 1, '300'],
      ]);
      // Only losses: no profit over 150.5 of loss is a profit factor of 0, and a 0% win rate.
      expect(metrics.byExitRule[1].stats).toMatchObject({ profitFactor: 0, winRatePct: 0, averageWin: null });
    });
  });

  describe('refuses a malformed run, naming the field', () => {
    it.each([
      ['trades[0].pnl', backtestRunFixture({ trades: [backtestTradeFixture({ pnl: '1e3' })] })],
      ['trades[0].market', backtestRunFixture({ trades: [backtestTradeFixture({ market: 'KRW-DOGE' })] })],
      ['finalEquity', backtestRunFixture({ finalEquity: 'lots' })],
      ['initialQuote', backtestRunFixture({ initialQuote: '0' })],
      ['to', backtestRunFixture({ to: day(0) })],
      ['exposureMs', backtestRunFixture({ exposureMs: 4 * FIXTURE_DAY_MS })],
      [
        'equity[1].at',
        backtestRunFixture({
          equity: [
            { at: day(2), equity: 100 },
            { at: day(1), equity: 100 },
          ],
        }),
      ],
      ['equity[0].equity', backtestRunFixture({ equity: [{ at: day(1), equity: Number.NaN }] })],
    ])('%s', (field, run) => {
      expect(() => computeMetrics(run)).toThrow(BacktestReportInputError);
      expect(() => computeMetrics(run)).toThrow(`"${field}"`);
    });
  });
});
