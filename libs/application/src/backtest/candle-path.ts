import type { StoredCandle } from '../ports/market-history.port';

/** One price the run reaches inside a candle. */
export interface PathPoint {
  at: number;
  price: number;
  text: string;
}

/**
 * The prices a backtest on candles assumes the market traded at inside one candle, in order: the open
 * at the candle's start, the low at a third of the interval, the high at two thirds, the close just
 * before the end. Low before high is the conservative reading for a strategy that only holds long
 * positions: stops, the crash exit and the trailing stop see the fall before any rise of the same
 * candle, and a profit target reached at the high comes only after the low has had its chance to stop
 * the position out. A point at the same price as the one before it is left out (it changes nothing a
 * rule reads). `prices` are the candle's prices as numbers (parsed once by the caller); `into` is reused between candles (its points are overwritten), so a long run allocates no points per candle.
 */
export function candlePath(
  candle: StoredCandle,
  prices: { readonly open: number; readonly high: number; readonly low: number; readonly close: number },
  intervalMs: number,
  into: PathPoint[],
): number {
  const { open, low, high, close } = prices;
  let count = 0;
  const push = (at: number, price: number, text: string): void => {
    if (count > 0 && into[count - 1]?.price === price) return;
    const point = into[count];
    if (point) {
      point.at = at;
      point.price = price;
      point.text = text;
    } else {
      into[count] = { at, price, text };
    }
    count += 1;
  };
  push(candle.start, open, candle.open);
  push(candle.start + Math.floor(intervalMs / 3), low, candle.low);
  push(candle.start + Math.floor((2 * intervalMs) / 3), high, candle.high);
  push(candle.start + intervalMs - 1, close, candle.close);
  return count;
}
