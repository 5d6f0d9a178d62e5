import { BuiltCandle, CandleTrade } from './candle';
import { withTrade } from './candle-merge';

interface MarketState {
  current?: BuiltCandle;
  lastSequentialId: number;
  /** Open time of the newest closed candle: trades at or before it are late. */
  closedThrough: number;
}

/**
 * Builds candles of one interval from trades, for every market: the same candles in paper, live and
 * replay. A candle closes when a trade of a later interval arrives or when `flush(now)` is called
 * after its interval ended (so a quiet market still closes its candle). Intervals without trades make
 * no candle, as Upbit's own candles. Trades are de-duplicated by `sequentialId` (the stream and a REST
 * back-fill may both deliver one); a trade older than the open candle is dropped and counted, never
 * reopening a closed candle.
 */
export class CandleBuilder {
  private readonly markets = new Map<string, MarketState>();
  private lateTrades = 0;

  constructor(readonly intervalMs: number) {
    if (!Number.isInteger(intervalMs) || intervalMs <= 0) throw new RangeError(`A candle interval is a positive whole number of ms, got ${intervalMs}`);
  }

  /** Adds a trade; returns the candle it closed, if any. */
  add(trade: CandleTrade): BuiltCandle | undefined {
    const state = this.state(trade.market);
    if (trade.sequentialId <= state.lastSequentialId) return undefined;
    const openTime = this.openTimeOf(trade.tradeTimestamp);
    const current = state.current;
    if ((current && openTime < current.openTime) || openTime <= state.closedThrough) {
      this.lateTrades += 1;
      return undefined;
    }
    state.lastSequentialId = trade.sequentialId;
    const value = trade.price.mul(trade.volume);
    if (current && openTime === current.openTime) {
      state.current = { ...withTrade(current, trade), value: current.value.plus(value), trades: current.trades + 1 };
      return undefined;
    }
    state.current = {
      market: trade.market,
      intervalMs: this.intervalMs,
      openTime,
      open: trade.price,
      high: trade.price,
      low: trade.price,
      close: trade.price,
      volume: trade.volume,
      value,
      trades: 1,
      lastTradeAt: trade.tradeTimestamp,
    };
    if (current) state.closedThrough = current.openTime;
    return current;
  }

  /** Closes and returns every open candle whose interval ended at or before `now`. */
  flush(now: number): BuiltCandle[] {
    const closed: BuiltCandle[] = [];
    for (const state of this.markets.values()) {
      if (state.current && state.current.openTime + this.intervalMs <= now) {
        closed.push(state.current);
        state.closedThrough = state.current.openTime;
        state.current = undefined;
      }
    }
    return closed;
  }

  /** The candle being built for `market`, if any. */
  current(market: string): BuiltCandle | undefined {
    return this.markets.get(market)?.current;
  }

  /** Trades that arrived after their candle had closed. */
  droppedLateTrades(): number {
    return this.lateTrades;
  }

  private openTimeOf(timestamp: number): number {
    return timestamp - (timestamp % this.intervalMs);
  }

  private state(market: string): MarketState {
    let state = this.markets.get(market);
    if (!state) {
      state = { lastSequentialId: -1, closedThrough: -Infinity };
      this.markets.set(market, state);
    }
    return state;
  }
}
