import { Candle } from './candle';
import { checkFinite, checkPeriod } from './checks';

/**
 * Average True Range with Wilder's smoothing. True range = max(high - low, |high - previous close|,
 * |low - previous close|); the first candle has only high - low. The first ATR is the mean of `period`
 * true ranges.
 */
export class Atr {
  private previousClose: number | null = null;
  private count = 0;
  private current = 0;

  constructor(readonly period: number) {
    checkPeriod('ATR', 'period', period);
  }

  update(candle: Candle): number | null {
    checkFinite('ATR', candle.high + candle.low + candle.close);
    const range = candle.high - candle.low;
    const trueRange =
      this.previousClose === null
        ? range
        : Math.max(range, Math.abs(candle.high - this.previousClose), Math.abs(candle.low - this.previousClose));
    this.previousClose = candle.close;
    this.count += 1;
    this.current =
      this.count <= this.period
        ? this.current + trueRange / this.period
        : (this.current * (this.period - 1) + trueRange) / this.period;
    return this.value;
  }

  get value(): number | null {
    return this.count >= this.period ? this.current : null;
  }
}
