import { checkFinite, checkPeriod } from './checks';

/**
 * Relative Strength Index with Wilder's smoothing: the first averages of gains and losses are simple
 * means over `period` changes, later ones avg = (avg x (period - 1) + change) / period. 100 when there
 * were no losses, 50 when the price did not move at all.
 */
export class Rsi {
  private previous: number | null = null;
  private changes = 0;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(readonly period: number) {
    checkPeriod('RSI', 'period', period);
  }

  update(close: number): number | null {
    checkFinite('RSI', close);
    if (this.previous !== null) {
      const change = close - this.previous;
      const gain = change > 0 ? change : 0;
      const loss = change < 0 ? -change : 0;
      this.changes += 1;
      if (this.changes <= this.period) {
        this.avgGain += gain / this.period;
        this.avgLoss += loss / this.period;
      } else {
        this.avgGain = (this.avgGain * (this.period - 1) + gain) / this.period;
        this.avgLoss = (this.avgLoss * (this.period - 1) + loss) / this.period;
      }
    }
    this.previous = close;
    return this.value;
  }

  get value(): number | null {
    if (this.changes < this.period) return null;
    if (this.avgLoss === 0) return this.avgGain === 0 ? 50 : 100;
    return 100 - 100 / (1 + this.avgGain / this.avgLoss);
  }
}
