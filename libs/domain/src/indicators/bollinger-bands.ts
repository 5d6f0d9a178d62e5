import { checkFinite, checkPeriod } from './checks';
import { InvalidIndicatorParameterError } from './indicator.errors';
import { RingBuffer } from './ring-buffer';

export interface BollingerValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

/**
 * Bollinger Bands: middle = SMA(period), bands at +/- k population standard deviations. Mean and sum of
 * squared deviations are updated in O(1) with Welford's sliding-window form (stable for prices of 1e8,
 * where sum-of-squares cancels badly) and recomputed once per period to stop drift.
 */
export class BollingerBands {
  private readonly window: RingBuffer;
  private mean = 0;
  private m2 = 0;
  private sinceRecompute = 0;

  constructor(
    readonly period: number,
    readonly k: number,
  ) {
    this.window = new RingBuffer(checkPeriod('Bollinger', 'period', period));
    if (!(Number.isFinite(k) && k > 0 && k <= 10)) throw new InvalidIndicatorParameterError('Bollinger', 'k', k);
  }

  update(close: number): BollingerValue | null {
    checkFinite('Bollinger', close);
    const evicted = this.window.push(close);
    if (evicted === undefined) {
      const delta = close - this.mean;
      this.mean += delta / this.window.size;
      this.m2 += delta * (close - this.mean);
    } else {
      const previousMean = this.mean;
      this.mean += (close - evicted) / this.period;
      this.m2 += (close - evicted) * (close - this.mean + evicted - previousMean);
    }
    this.sinceRecompute += 1;
    if (this.sinceRecompute >= this.period) this.recompute();
    return this.value;
  }

  get value(): BollingerValue | null {
    if (!this.window.full) return null;
    const deviation = Math.sqrt(Math.max(0, this.m2) / this.period);
    return { upper: this.mean + this.k * deviation, middle: this.mean, lower: this.mean - this.k * deviation };
  }

  private recompute(): void {
    const n = this.window.size;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.window.at(i);
    this.mean = sum / n;
    this.m2 = 0;
    for (let i = 0; i < n; i++) this.m2 += (this.window.at(i) - this.mean) ** 2;
    this.sinceRecompute = 0;
  }
}
