import { checkFinite } from './checks';
import { InvalidIndicatorParameterError } from './indicator.errors';
import { MonotonicExtreme } from './monotonic-extreme';

/**
 * Highest and lowest traded price over the last `windowMs` milliseconds of ticks, amortised O(1): what
 * "a -5% fall within 1 minute" (crash exit) and "a +5% rise within 1 minute" (surge guard) compare with.
 */
export class PriceWindow {
  private readonly highs = new MonotonicExtreme('max');
  private readonly lows = new MonotonicExtreme('min');
  private last: number | null = null;

  constructor(readonly windowMs: number) {
    if (!(Number.isInteger(windowMs) && windowMs > 0)) throw new InvalidIndicatorParameterError('PriceWindow', 'windowMs', windowMs);
  }

  update(at: number, price: number): void {
    checkFinite('PriceWindow', price);
    if (this.last !== null && at < this.last) throw new InvalidIndicatorParameterError('PriceWindow', 'tick time (must not go back)', at);
    this.last = at;
    this.highs.push(at, price);
    this.lows.push(at, price);
    this.highs.evictBefore(at - this.windowMs);
    this.lows.evictBefore(at - this.windowMs);
  }

  get high(): number | null {
    return this.highs.value;
  }

  get low(): number | null {
    return this.lows.value;
  }
}
