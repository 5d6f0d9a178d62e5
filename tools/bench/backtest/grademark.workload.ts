import './grademark-require';
import { SqliteMarketHistory } from '@trader/market-history';
import { DataFrame, IDataFrame, Series } from 'data-forge';
import { backtest, IBar, IStrategy } from 'grademark';
import { BenchTrade, netReturnPct } from './bench-trade';
import { RULES } from './rsi-dip.rules';

interface RsiBar extends IBar {
  rsi?: number;
}

/** RSI with Wilder's smoothing over a whole column, as grademark's indicator preparation: undefined until `period` changes are seen. */
export function wilderRsi(closes: readonly number[], period: number): Array<number | undefined> {
  const out: Array<number | undefined> = new Array(closes.length);
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 0; i < closes.length; i++) {
    if (i === 0) {
      out[i] = undefined;
      continue;
    }
    const change = closes[i] - closes[i - 1];
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i <= period) {
      avgGain += gain / period;
      avgLoss += loss / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    out[i] = i < period ? undefined : avgLoss === 0 ? (avgGain === 0 ? 50 : 100) : 100 - 100 / (1 + avgGain / avgLoss);
  }
  return out;
}

/** The rules as a grademark strategy: enter when the bar's RSI is under 30 (grademark fills at the next bar's open), stop and target 5% from the entry. */
const strategy: IStrategy<IBar, RsiBar> = {
  prepIndicators: ({ inputSeries }) => {
    const rsi = wilderRsi(inputSeries.getSeries('close').toArray() as number[], RULES.rsiPeriod);
    return inputSeries.withSeries('rsi', new Series({ index: inputSeries.getIndex(), values: rsi })) as IDataFrame<number, RsiBar>;
  },
  entryRule: (enterPosition, { bar }) => {
    if (bar.rsi !== undefined && bar.rsi < RULES.rsiBelow) enterPosition();
  },
  stopLoss: ({ entryPrice }) => entryPrice * RULES.stopLoss,
  profitTarget: ({ entryPrice }) => entryPrice * RULES.takeProfit,
};

export interface GrademarkRun {
  readonly trades: BenchTrade[];
  /** Seconds of the whole path: SQLite read, data frame, indicators, backtest. */
  readonly fullS: number;
  /** Seconds inside `backtest()` alone (its indicator preparation included). */
  readonly backtestS: number;
}

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

/** grademark's full path on the same file and range: candles read from SQLite into a data frame, then `backtest()` per market. */
export async function runGrademark(path: string, markets: readonly string[], from: number, to: number): Promise<GrademarkRun> {
  const started = process.hrtime.bigint();
  let backtestS = 0;
  const trades: BenchTrade[] = [];
  const history = await SqliteMarketHistory.open(path, { readonly: true });
  try {
    for (const market of markets) {
      const bars: IBar[] = [];
      for (const c of history.candles(market, '1m', from, to)) {
        bars.push({ time: new Date(c.start), open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close), volume: Number(c.volume) });
      }
      const input = new DataFrame<number, IBar>(bars);
      const inBacktest = process.hrtime.bigint();
      const result = backtest(strategy, input);
      backtestS += seconds(inBacktest);
      for (const t of result) {
        const open = t.exitReason === 'finalize';
        trades.push({
          market,
          entryCandle: t.entryTime.getTime(),
          exitCandle: open ? null : t.exitTime.getTime(),
          entryPrice: t.entryPrice,
          exitPrice: t.exitPrice,
          netReturnPct: netReturnPct(t.entryPrice, t.exitPrice, open ? 0 : RULES.fee),
        });
      }
    }
  } finally {
    history.close();
  }
  return { trades, fullS: seconds(started), backtestS };
}
