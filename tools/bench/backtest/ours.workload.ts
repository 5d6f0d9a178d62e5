import type { BacktestRun } from '@trader/application';
import { SqliteMarketHistory } from '@trader/market-history';
// The benchmark times the app's own full path; an app has no import alias to reach it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runBacktest } from '../../../apps/trader/src/backtest/run-backtest';
import { BenchTrade, netReturnPct } from './bench-trade';
import { backtestOptions, RULES } from './rsi-dip.rules';

export interface OursRun {
  readonly run: BacktestRun;
  readonly trades: BenchTrade[];
  /** Seconds of the whole path: history opened, `runBacktest` (engine, SQLite event store), closed. */
  readonly fullS: number;
}

/**
 * Our full path, as `trader backtest` runs it: candles from the SQLite market history, the live
 * components, a SQLite event store. `rsiBelow` 0: the same run with an entry that never fires, so no
 * order (the per-candle path alone).
 */
export async function runOurs(path: string, markets: readonly string[], from: number, to: number, intervalMs: number, rsiBelow: number = RULES.rsiBelow): Promise<OursRun> {
  const started = process.hrtime.bigint();
  const history = await SqliteMarketHistory.open(path, { readonly: true });
  let run: BacktestRun;
  try {
    ({ run } = await runBacktest(backtestOptions(markets, from, to, rsiBelow), history));
  } finally {
    history.close();
  }
  const fullS = Number(process.hrtime.bigint() - started) / 1e9;
  const candle = (at: number): number => at - (at % intervalMs);
  const trades = run.trades.map((t) => {
    const entryPrice = Number(t.entryPrice);
    const exitPrice = Number(t.exitPrice);
    return {
      market: t.market,
      entryCandle: candle(t.openedAt),
      exitCandle: t.closedAt === null ? null : candle(t.closedAt),
      entryPrice,
      exitPrice,
      netReturnPct: netReturnPct(entryPrice, exitPrice, t.closedAt === null ? 0 : RULES.fee),
    };
  });
  return { run, trades, fullS };
}
