import type { BacktestRun } from '../backtest-run';
import { BacktestReportInputError } from './backtest-report.errors';
import type { BacktestMetrics, TradeBreakdown } from './backtest-metrics';
import { dailyRatios } from './daily-ratios';
import { DAY_MS, dayEndEquity, equityCurve } from './equity-curve';
import { maxDrawdown } from './max-drawdown';
import { readDecimal, readFinite } from './run-fields';
import { PricedTrade, priceTrades, tradeStats } from './trade-stats';

const YEAR_MS = 365 * DAY_MS;

/** Metrics of a backtest run; every convention is in docs/backtesting.md, "Report metrics". */
export function computeMetrics(run: BacktestRun): BacktestMetrics {
  const curve = equityCurve(run);
  const initial = readDecimal('initialQuote', run.initialQuote);
  if (!initial.gt(0)) throw new BacktestReportInputError('initialQuote', run.initialQuote, 'must be positive');
  const final = readDecimal('finalEquity', run.finalEquity);
  const span = run.to - run.from;
  const exposureMs = readFinite('exposureMs', run.exposureMs);
  if (exposureMs < 0 || exposureMs > span) throw new BacktestReportInputError('exposureMs', exposureMs, `must be within 0..${span} (the run's span)`);
  const growth = final.div(initial).toNumber();
  const cagrPct = growth > 0 ? (growth ** (YEAR_MS / span) - 1) * 100 : -100;
  const drawdown = maxDrawdown(curve, run.to);
  const ratios = dailyRatios(dayEndEquity(curve, run.from, run.to));
  const trades = priceTrades(run.trades);
  return {
    totalReturnPct: final.minus(initial).div(initial).times(100).toNumber(),
    cagrPct: Number.isFinite(cagrPct) ? cagrPct : null,
    maxDrawdown: drawdown,
    sharpe: ratios.sharpe,
    sortino: ratios.sortino,
    calmar: drawdown.depthPct > 0 && Number.isFinite(cagrPct) ? cagrPct / drawdown.depthPct : null,
    days: ratios.days,
    exposurePct: (exposureMs / span) * 100,
    trades: tradeStats(trades, run.to),
    byMarket: breakdown(run.markets, trades, (t) => t.trade.market, run.to),
    byExitRule: breakdown(sortedKeys(trades.map((t) => t.trade.exitRule)), trades, (t) => t.trade.exitRule, run.to),
  };
}

/** Code-unit order, so the order never depends on the machine's locale. */
function sortedKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function breakdown(keys: readonly string[], trades: readonly PricedTrade[], keyOf: (trade: PricedTrade) => string, endAt: number): TradeBreakdown[] {
  const groups = new Map<string, PricedTrade[]>(keys.map((key) => [key, []]));
  for (const trade of trades) {
    const group = groups.get(keyOf(trade));
    // A trade in a market the run did not list is an engine bug: hiding it would skew the breakdown.
    if (group === undefined) throw new BacktestReportInputError(`${trade.field}.market`, trade.trade.market, `is not one of the run's markets (${keys.join(', ')})`);
    group.push(trade);
  }
  return [...groups].map(([key, group]) => ({ key, stats: tradeStats(group, endAt) }));
}
