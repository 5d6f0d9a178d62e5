import { BenchTrade, netReturnPct } from './bench-trade';
import { RULES } from './rsi-dip.rules';

/** One market's candles as plain numbers, read before the loop's timing starts. */
export interface CandleArrays {
  readonly market: string;
  readonly start: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/**
 * The same rules in the plainest loop, over arrays already in memory (no SQLite, no events, no
 * decimals): the physical limit of this fill model. It follows our engine's model exactly so its
 * trades can be matched one for one: a candle closes for RSI at the next candle's first price; the
 * prices inside a candle come open, low, high, close (a repeat of the previous price skipped); a
 * decision at one price fills at the next one, a buy at max(decision, next), a sell at min; after a
 * fill, the strategy is evaluated again at that same price (an exit may be followed by a new entry at
 * once when RSI is still under 30).
 */
export function handLoop(markets: readonly CandleArrays[]): { trades: BenchTrade[]; decisions: number } {
  const trades: BenchTrade[] = [];
  let decisions = 0;
  const { rsiPeriod, rsiBelow, takeProfit, stopLoss, fee } = RULES;
  const path = new Float64Array(4);
  for (const m of markets) {
    let previousClose = NaN;
    let changes = 0;
    let avgGain = 0;
    let avgLoss = 0;
    let rsi = NaN;
    // Position: entry price (0 when flat); pending order: 0 none, 1 buy, 2 sell, at `decided`.
    let entry = 0;
    let entryCandle = 0;
    let pending = 0;
    let decided = 0;
    const n = m.close.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const closed = m.close[i - 1];
        if (previousClose === previousClose) {
          const change = closed - previousClose;
          const gain = change > 0 ? change : 0;
          const loss = change < 0 ? -change : 0;
          changes += 1;
          if (changes <= rsiPeriod) {
            avgGain += gain / rsiPeriod;
            avgLoss += loss / rsiPeriod;
          } else {
            avgGain = (avgGain * (rsiPeriod - 1) + gain) / rsiPeriod;
            avgLoss = (avgLoss * (rsiPeriod - 1) + loss) / rsiPeriod;
          }
          if (changes >= rsiPeriod) rsi = avgLoss === 0 ? (avgGain === 0 ? 50 : 100) : 100 - 100 / (1 + avgGain / avgLoss);
        }
        previousClose = closed;
      }
      let count = 1;
      path[0] = m.open[i];
      if (m.low[i] !== path[count - 1]) path[count++] = m.low[i];
      if (m.high[i] !== path[count - 1]) path[count++] = m.high[i];
      if (m.close[i] !== path[count - 1]) path[count++] = m.close[i];
      for (let p = 0; p < count; p++) {
        const price = path[p];
        if (pending === 1) {
          entry = decided > price ? decided : price;
          entryCandle = m.start[i];
          pending = 0;
        } else if (pending === 2) {
          const exit = decided < price ? decided : price;
          trades.push({ market: m.market, entryCandle, exitCandle: m.start[i], entryPrice: entry, exitPrice: exit, netReturnPct: netReturnPct(entry, exit, fee) });
          entry = 0;
          pending = 0;
        }
        if (pending !== 0) continue;
        if (entry > 0) {
          if (price >= entry * (1 + takeProfit) || price <= entry * (1 - stopLoss)) {
            pending = 2;
            decided = price;
            decisions += 1;
          }
        } else if (rsi < rsiBelow) {
          pending = 1;
          decided = price;
          decisions += 1;
        }
      }
    }
    if (entry > 0) {
      const last = m.close[n - 1];
      trades.push({ market: m.market, entryCandle, exitCandle: null, entryPrice: entry, exitPrice: last, netReturnPct: netReturnPct(entry, last, 0) });
    }
  }
  return { trades, decisions };
}
