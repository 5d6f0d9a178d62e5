import { checkFinite, checkPeriod } from './checks';

/** Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first `period` values (as TA-Lib). */
export class Ema {
  private readonly alpha: number;
  private seen = 0;
  private seedSum = 0;
  private current: number | null = null;

  constructor(readonly period: number) {
    checkPeriod('EMA', 'period', period);
    this.alpha = 2 / (period + 1);
  }

  update(value: number): number | null {
    checkFinite('EMA', value);
    if (this.current !== null) {
      this.current += this.alpha * (value - this.current);
      return this.current;
    }
    this.seen += 1;
    this.seedSum += value;
    if (this.seen === this.period) this.current = this.seedSum / this.period;
    return this.current;
  }

  get value(): number | null {
    return this.current;
  }
}
