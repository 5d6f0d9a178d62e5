import { Candle } from './candle';
import { checkFinite, checkPeriod } from './checks';
import { MonotonicExtreme } from './monotonic-extreme';
import { Sma } from './sma';

export interface StochasticValue {
  readonly k: number;
  readonly d: number;
}

/**
 * Fast stochastic oscillator: %K = 100 x (close - lowest low) / (highest high - lowest low) over
 * `kPeriod` candles, %D = SMA(dPeriod) of %K. A flat window (high = low) gives %K = 50.
 */
export class Stochastic {
  private readonly highs = new MonotonicExtreme('max');
  private readonly lows = new MonotonicExtreme('min');
  private readonly dSma: Sma;
  private count = 0;
  private k: number | null = null;

  constructor(
    readonly kPeriod: number,
    readonly dPeriod: number,
  ) {
    checkPeriod('Stochastic', 'kPeriod', kPeriod);
    this.dSma = new Sma(checkPeriod('Stochastic', 'dPeriod', dPeriod));
  }

  update(candle: Candle): StochasticValue | null {
    checkFinite('Stochastic', candle.high + candle.low + candle.close);
    this.highs.push(this.count, candle.high);
    this.lows.push(this.count, candle.low);
    this.count += 1;
    this.highs.evictBefore(this.count - this.kPeriod);
    this.lows.evictBefore(this.count - this.kPeriod);
    if (this.count >= this.kPeriod) {
      const high = this.highs.value as number;
      const low = this.lows.value as number;
      this.k = high === low ? 50 : (100 * (candle.close - low)) / (high - low);
      this.dSma.update(this.k);
    }
    return this.value;
  }

  get value(): StochasticValue | null {
    const d = this.dSma.value;
    return this.k === null || d === null ? null : { k: this.k, d };
  }
}
