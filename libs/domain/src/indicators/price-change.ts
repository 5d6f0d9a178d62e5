import { checkFinite, checkPeriod } from './checks';
import { RingBuffer } from './ring-buffer';

/** Change of the close over the last `period` candles, in percent of the close `period` candles ago. */
export class PriceChangePercent {
  private readonly closes: RingBuffer;

  constructor(readonly period: number) {
    this.closes = new RingBuffer(checkPeriod('PriceChange', 'period', period) + 1);
  }

  update(close: number): number | null {
    this.closes.push(checkFinite('PriceChange', close));
    return this.value;
  }

  get value(): number | null {
    if (!this.closes.full) return null;
    const then = this.closes.oldest();
    const now = this.closes.at(this.period);
    return then === 0 ? null : ((now - then) / then) * 100;
  }
}
