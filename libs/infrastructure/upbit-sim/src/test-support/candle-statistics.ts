/** Statistics of 1-minute candle closes, for checking the price model against typical market figures. */

export interface MinuteClose {
  readonly start: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
}

/** Log-returns between consecutive candles one minute apart (a gap breaks the pair). */
export function minuteLogReturns(candles: readonly MinuteClose[]): number[] {
  const returns: number[] = [];
  for (let i = 1; i < candles.length; i++) {
    if (candles[i].start - candles[i - 1].start === 60_000) returns.push(Math.log(candles[i].close / candles[i - 1].close));
  }
  return returns;
}

export function stdev(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/** Excess kurtosis (0 for a normal distribution). */
export function excessKurtosis(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const m2 = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  const m4 = values.reduce((s, v) => s + (v - mean) ** 4, 0) / values.length;
  return m4 / (m2 * m2) - 3;
}

export function autocorrelation(values: readonly number[], lag: number): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    denominator += (values[i] - mean) ** 2;
    if (i >= lag) numerator += (values[i] - mean) * (values[i - lag] - mean);
  }
  return numerator / denominator;
}

/** RSI (Wilder) of each close after the first `period` changes; undefined before. */
export function wilderRsi(closes: readonly number[], period: number): Array<number | undefined> {
  const result: Array<number | undefined> = [undefined];
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < closes.length; i++) {
    const change = closes[i] - closes[i - 1];
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (i <= period) {
      gain += up / period;
      loss += down / period;
      result.push(i === period ? rsiOf(gain, loss) : undefined);
      continue;
    }
    gain = (gain * (period - 1) + up) / period;
    loss = (loss * (period - 1) + down) / period;
    result.push(rsiOf(gain, loss));
  }
  return result;
}

function rsiOf(gain: number, loss: number): number {
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

/** Times the series crosses from at or above `threshold` to below it. */
export function crossingsBelow(values: ReadonlyArray<number | undefined>, threshold: number): number {
  let count = 0;
  let previous: number | undefined;
  for (const v of values) {
    if (v !== undefined && previous !== undefined && previous >= threshold && v < threshold) count++;
    if (v !== undefined) previous = v;
  }
  return count;
}

/**
 * 1-minute candles in which the price went at least `fraction` above (up) or below (down) the previous
 * close: a move of that size within about 60 s.
 */
export function fastMoves(candles: readonly MinuteClose[], fraction: number): { up: number; down: number } {
  let up = 0;
  let down = 0;
  for (let i = 1; i < candles.length; i++) {
    const previous = candles[i - 1].close;
    if (candles[i].high >= previous * (1 + fraction)) up++;
    if (candles[i].low <= previous * (1 - fraction)) down++;
  }
  return { up, down };
}
