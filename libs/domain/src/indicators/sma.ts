import { checkFinite, checkPeriod } from './checks';
import { RingBuffer } from './ring-buffer';

/**
 * Simple moving average, O(1) per value with a running sum. The sum is recomputed from the window once
 * per `period` values (amortised O(1)), so floating-point error cannot accumulate over a long run.
 */
export class Sma {
  private readonly window: RingBuffer;
  private sum = 0;
  private sinceRecompute = 0;

  constructor(readonly period: number) {
    this.window = new RingBuffer(checkPeriod('SMA', 'period', period));
  }

  update(value: number): number | null {
    checkFinite('SMA', value);
    const evicted = this.window.push(value);
    this.sum += value - (evicted ?? 0);
    this.sinceRecompute += 1;
    if (this.sinceRecompute >= this.period) {
      this.sum = 0;
      for (let i = 0; i < this.window.size; i++) this.sum += this.window.at(i);
      this.sinceRecompute = 0;
    }
    return this.value;
  }

  get value(): number | null {
    return this.window.full ? this.sum / this.period : null;
  }
}
