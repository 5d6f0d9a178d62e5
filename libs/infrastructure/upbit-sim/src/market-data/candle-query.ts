import { Market } from '../engine/market';
import { Candle, CandlePeriod, candleStart } from './candle-series';
import { candleKey } from './market-tape';

/**
 * Up to `count` candles of a market starting before `toExclusive`, newest first: the live tape's,
 * then the history's. The period holding the live start is one candle made of both parts.
 */
export function candlesBefore(market: Market, period: CandlePeriod, toExclusive: number | undefined, count: number): Candle[] {
  const live = market.tape.series(candleKey(period))?.before(toExclusive, count) ?? [];
  const history = market.history;
  if (history === undefined) return live;
  const boundary = candleStart(period, history.liveFrom);
  const oldestLive = live[live.length - 1];
  if (live.length === count && oldestLive.start > boundary) return live;
  const older = history.candlesBefore(period, toExclusive ?? Infinity, count + 1);
  if (oldestLive !== undefined && older[0] !== undefined && older[0].start === oldestLive.start) {
    return [...live.slice(0, -1), joinLive(older[0], oldestLive), ...older.slice(1)].slice(0, count);
  }
  return [...live, ...older].slice(0, count);
}

/** The newest candle of a period (the WebSocket's), with the history's part when it began there. */
export function latestCandle(market: Market, period: CandlePeriod): Candle | undefined {
  return candlesBefore(market, period, undefined, 1)[0];
}

/** A candle whose first part is history and the rest live trades. */
function joinLive(history: Candle, live: Candle): Candle {
  return {
    start: history.start,
    open: history.open,
    high: history.high.gt(live.high) ? history.high : live.high,
    low: history.low.lt(live.low) ? history.low : live.low,
    close: live.close,
    lastTradeAt: live.lastTradeAt,
    accTradePrice: history.accTradePrice.plus(live.accTradePrice),
    accTradeVolume: history.accTradeVolume.plus(live.accTradeVolume),
  };
}
