import { decodeSimpleFrame } from '@trader/upbit';
import { FrameType } from './capture-frames';

export interface DecodeResult {
  /** Our decoder: exact decimals, validated fields. */
  readonly ours: number;
  /** Baseline: plain `JSON.parse` of the same frames (lossy doubles, no validation). */
  readonly jsonParse: number;
}

function rate(frames: readonly string[], budgetMs: number, decode: (text: string) => unknown): number {
  // Warm up the JIT on the same frames before measuring.
  for (let i = 0; i < 2_000; i += 1) decode(frames[i % frames.length]);
  let count = 0;
  const started = process.hrtime.bigint();
  const budgetNs = BigInt(budgetMs) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budgetNs) {
    for (let i = 0; i < 1_000; i += 1) decode(frames[(count + i) % frames.length]);
    count += 1_000;
    elapsed = process.hrtime.bigint() - started;
  }
  return count / (Number(elapsed) / 1e9);
}

/** Messages per second decoded, per frame type and for the three types interleaved. */
export function decodeRates(frames: Record<FrameType, string[]>, budgetMs: number): Record<FrameType | 'mixed', DecodeResult> {
  const mixed: string[] = [];
  const longest = Math.max(frames.ticker.length, frames.trade.length, frames.orderbook.length);
  for (let i = 0; i < longest; i += 1) for (const type of ['ticker', 'trade', 'orderbook'] as const) if (frames[type][i]) mixed.push(frames[type][i]);
  const measure = (list: readonly string[]): DecodeResult => ({
    ours: rate(list, budgetMs, decodeSimpleFrame),
    jsonParse: rate(list, budgetMs, (text) => JSON.parse(text)),
  });
  return { ticker: measure(frames.ticker), trade: measure(frames.trade), orderbook: measure(frames.orderbook), mixed: measure(mixed) };
}
