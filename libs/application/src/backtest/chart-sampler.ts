import { ChartCandle } from './backtest-run';

/**
 * Down-samples a market's candles for the report's chart: the range is cut into at most `maxCandles`
 * buckets of whole intervals, and each bucket keeps one candle (first open, highest high, lowest low,
 * last close). Memory is bounded by `maxCandles`, whatever the range.
 */
export class ChartSampler {
  private readonly bucketMs: number;
  private readonly buckets: ChartCandle[] = [];
  private current: { start: number; open: number; high: number; low: number; close: number } | null = null;

  constructor(
    private readonly from: number,
    to: number,
    intervalMs: number,
    maxCandles: number,
  ) {
    const intervals = Math.max(1, Math.ceil((to - from) / intervalMs));
    this.bucketMs = Math.ceil(intervals / Math.max(1, maxCandles)) * intervalMs;
  }

  add(start: number, open: number, high: number, low: number, close: number): void {
    const bucket = this.from + Math.floor((start - this.from) / this.bucketMs) * this.bucketMs;
    const current = this.current;
    if (current && current.start === bucket) {
      if (high > current.high) current.high = high;
      if (low < current.low) current.low = low;
      current.close = close;
      return;
    }
    if (current) this.buckets.push({ ...current });
    this.current = { start: bucket, open, high, low, close };
  }

  candles(): ChartCandle[] {
    return this.current ? [...this.buckets, { ...this.current }] : [...this.buckets];
  }
}
