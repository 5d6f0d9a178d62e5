import { checkPeriod } from './checks';
import { Ema } from './ema';
import { InvalidIndicatorParameterError } from './indicator.errors';

export interface MacdValue {
  readonly line: number;
  readonly signal: number;
  readonly histogram: number;
}

/** MACD: line = EMA(fast) - EMA(slow); signal = EMA(signal) of the line; histogram = line - signal. */
export class Macd {
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private line: number | null = null;

  constructor(
    readonly fast: number,
    readonly slow: number,
    readonly signal: number,
  ) {
    checkPeriod('MACD', 'fast', fast);
    checkPeriod('MACD', 'slow', slow);
    checkPeriod('MACD', 'signal', signal);
    if (fast >= slow) throw new InvalidIndicatorParameterError('MACD', 'fast (below slow)', fast);
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
  }

  update(close: number): MacdValue | null {
    const fast = this.fastEma.update(close);
    const slow = this.slowEma.update(close);
    if (fast !== null && slow !== null) {
      this.line = fast - slow;
      this.signalEma.update(this.line);
    }
    return this.value;
  }

  /** The line alone, available before the signal is. */
  get lineValue(): number | null {
    return this.line;
  }

  get value(): MacdValue | null {
    const signal = this.signalEma.value;
    if (this.line === null || signal === null) return null;
    return { line: this.line, signal, histogram: this.line - signal };
  }
}
