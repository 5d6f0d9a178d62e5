import { Dec } from '../engine/decimal';
import { utcDayStart } from './time-format';

export type CandlePeriod =
  | { readonly kind: 'seconds' }
  | { readonly kind: 'minutes'; readonly unit: number }
  | { readonly kind: 'days' }
  | { readonly kind: 'weeks' }
  | { readonly kind: 'months' }
  | { readonly kind: 'years' };

/** Minute units Upbit serves (REST /candles/minutes/{unit}). */
export const MINUTE_UNITS = [1, 3, 5, 10, 15, 30, 60, 240] as const;

export interface Candle {
  readonly start: number;
  readonly open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  /** ms of the last trade in the candle (Upbit's `timestamp`). */
  lastTradeAt: number;
  accTradePrice: Dec;
  accTradeVolume: Dec;
}

/** Start (ms, UTC) of the candle holding `ms`. Days start at 00:00 UTC, weeks on Monday. */
export function candleStart(period: CandlePeriod, ms: number): number {
  switch (period.kind) {
    case 'seconds':
      return Math.floor(ms / 1000) * 1000;
    case 'minutes':
      return Math.floor(ms / (period.unit * 60_000)) * period.unit * 60_000;
    case 'days':
      return utcDayStart(ms);
    case 'weeks': {
      const day = utcDayStart(ms);
      const weekday = (new Date(day).getUTCDay() + 6) % 7;
      return day - weekday * 86_400_000;
    }
    case 'months': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case 'years':
      return Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);
  }
}

/**
 * Candles of one period for one market, built from trades only: like Upbit, an interval without a
 * trade has no candle. Keeps the newest `retention` candles.
 */
export class CandleSeries {
  private readonly candles: Candle[] = [];

  constructor(
    readonly period: CandlePeriod,
    private readonly retention: number,
  ) {}

  record(ms: number, price: Dec, volume: Dec): Candle {
    const start = candleStart(this.period, ms);
    const last = this.candles[this.candles.length - 1];
    if (last !== undefined && last.start === start) {
      if (price.gt(last.high)) last.high = price;
      if (price.lt(last.low)) last.low = price;
      last.close = price;
      last.lastTradeAt = ms;
      last.accTradePrice = last.accTradePrice.plus(price.times(volume));
      last.accTradeVolume = last.accTradeVolume.plus(volume);
      return last;
    }
    const candle: Candle = {
      start,
      open: price,
      high: price,
      low: price,
      close: price,
      lastTradeAt: ms,
      accTradePrice: price.times(volume),
      accTradeVolume: volume,
    };
    this.candles.push(candle);
    if (this.candles.length > this.retention) this.candles.shift();
    return candle;
  }

  latest(): Candle | undefined {
    return this.candles[this.candles.length - 1];
  }

  /** Up to `count` candles starting before `toExclusive` (all when undefined), newest first. */
  before(toExclusive: number | undefined, count: number): Candle[] {
    let end = this.candles.length;
    if (toExclusive !== undefined) {
      let lo = 0;
      let hi = this.candles.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.candles[mid].start < toExclusive) lo = mid + 1;
        else hi = mid;
      }
      end = lo;
    }
    return this.candles.slice(Math.max(0, end - count), end).reverse();
  }

  all(): readonly Candle[] {
    return this.candles;
  }
}
