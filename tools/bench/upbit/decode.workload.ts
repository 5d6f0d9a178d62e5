import { decodeSimpleFrame } from '@trader/upbit';
import { FrameType } from './capture-frames';

export interface DecodeResult {
  /** Our decoder: exact decimals, validated fields. */
  readonly ours: number;
  /** Baseline: plain `JSON.parse` of the same frames (lossy doubles, no validation). */
  readonly jsonParse: number;
}

const ROUNDS = 10;
const BATCH = 100;
const WARM_UP_MESSAGES = 5_000;

/** Decodes `frames` in order, batch by batch, for `budgetNs`; returns messages and nanoseconds spent. */
function slice(frames: readonly string[], budgetNs: bigint, decode: (text: string) => unknown): { count: number; ns: bigint } {
  let count = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budgetNs) {
    for (let i = 0; i < BATCH; i += 1) decode(frames[(count + i) % frames.length]);
    count += BATCH;
    elapsed = process.hrtime.bigint() - started;
  }
  return { count, ns: elapsed };
}

/**
 * Both decoders warm up on the frames, then run in alternating slices (ours first in even rounds,
 * JSON.parse first in odd ones) for ROUNDS rounds, so load from other processes falls on both alike.
 * Each side's rate is its total messages over its total time.
 */
function measure(frames: readonly string[], budgetMs: number): DecodeResult {
  const ours = (text: string): unknown => decodeSimpleFrame(text);
  const native = (text: string): unknown => JSON.parse(text);
  for (let i = 0; i < WARM_UP_MESSAGES; i += 1) {
    ours(frames[i % frames.length]);
    native(frames[i % frames.length]);
  }
  const sliceNs = (BigInt(budgetMs) * 1_000_000n) / BigInt(ROUNDS);
  const totals = { ours: { count: 0, ns: 0n }, native: { count: 0, ns: 0n } };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? (['ours', 'native'] as const) : (['native', 'ours'] as const);
    for (const side of order) {
      const r = slice(frames, sliceNs, side === 'ours' ? ours : native);
      totals[side].count += r.count;
      totals[side].ns += r.ns;
    }
  }
  const rate = (t: { count: number; ns: bigint }): number => t.count / (Number(t.ns) / 1e9);
  return { ours: rate(totals.ours), jsonParse: rate(totals.native) };
}

/** Messages per second decoded, per frame type and for the three types interleaved. */
export function decodeRates(frames: Record<FrameType, string[]>, budgetMs: number): Record<FrameType | 'mixed', DecodeResult> {
  const mixed: string[] = [];
  const longest = Math.max(frames.ticker.length, frames.trade.length, frames.orderbook.length);
  for (let i = 0; i < longest; i += 1) for (const type of ['ticker', 'trade', 'orderbook'] as const) if (frames[type][i]) mixed.push(frames[type][i]);
  return {
    ticker: measure(frames.ticker, budgetMs),
    trade: measure(frames.trade, budgetMs),
    orderbook: measure(frames.orderbook, budgetMs),
    mixed: measure(mixed, budgetMs),
  };
}
