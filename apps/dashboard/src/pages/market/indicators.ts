/**
 * Chart indicators over closes, oldest first, computed in the browser for drawing (floats: a line on a
 * chart needs no decimal exactness). Each returns one value per close, null until enough closes are
 * seen, with the same definitions as the server's indicators (libs/domain/src/indicators): EMA seeded
 * with the SMA of its first period, RSI with Wilder's smoothing, Bollinger with the population
 * standard deviation.
 */
export type IndicatorLine = (number | null)[];

export interface BollingerBand {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

export function sma(closes: readonly number[], period: number): IndicatorLine {
  const out: IndicatorLine = new Array<number | null>(closes.length).fill(null);
  let sum = 0;
  for (let i = 0; i < closes.length; i += 1) {
    sum += closes[i] as number;
    if (i >= period) sum -= closes[i - period] as number;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

export function ema(closes: readonly number[], period: number): IndicatorLine {
  const out: IndicatorLine = new Array<number | null>(closes.length).fill(null);
  const alpha = 2 / (period + 1);
  let current: number | null = null;
  let seed = 0;
  for (let i = 0; i < closes.length; i += 1) {
    const close = closes[i] as number;
    if (current === null) {
      seed += close;
      if (i === period - 1) current = seed / period;
    } else {
      current += alpha * (close - current);
    }
    out[i] = current;
  }
  return out;
}

export function rsi(closes: readonly number[], period = 14): IndicatorLine {
  const out: IndicatorLine = new Array<number | null>(closes.length).fill(null);
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < closes.length; i += 1) {
    const change = (closes[i] as number) - (closes[i - 1] as number);
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i <= period) {
      avgGain += gain / period;
      avgLoss += loss / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    if (i >= period) out[i] = avgLoss === 0 ? (avgGain === 0 ? 50 : 100) : 100 - 100 / (1 + avgGain / avgLoss);
  }
  return out;
}

export function bollinger(closes: readonly number[], period = 20, k = 2): (BollingerBand | null)[] {
  const middle = sma(closes, period);
  return middle.map((mean, i) => {
    if (mean === null) return null;
    let squares = 0;
    for (let j = i - period + 1; j <= i; j += 1) squares += ((closes[j] as number) - mean) ** 2;
    const deviation = Math.sqrt(squares / period);
    return { upper: mean + k * deviation, middle: mean, lower: mean - k * deviation };
  });
}
