/** A round trip as every side of the benchmark reports it, by candle: what the comparison matches on. */
export interface BenchTrade {
  readonly market: string;
  /** Start of the candle the entry filled in. */
  readonly entryCandle: number;
  /** Start of the candle the exit filled in, or null when still open at the end of the range. */
  readonly exitCandle: number | null;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Return after the fee on both sides, in percent. */
  readonly netReturnPct: number;
}

export interface TradeMatch {
  readonly ours: number;
  readonly other: number;
  /** Trades of ours with a trade of the other side on the same market, entry candle and exit candle. */
  readonly matching: number;
  /** Of the matching trades, those whose entry and exit prices are equal too. */
  readonly samePrices: number;
  /** The first trade of ours without such a twin, for the report. */
  readonly firstDifference: { readonly ours: BenchTrade | null; readonly other: BenchTrade | null } | null;
}

const key = (t: BenchTrade): string => `${t.market}|${t.entryCandle}|${t.exitCandle ?? 'open'}`;

/** Matches two trade lists on (market, entry candle, exit candle); prices are compared separately by the caller. */
export function matchTrades(ours: readonly BenchTrade[], other: readonly BenchTrade[]): TradeMatch {
  const theirs = new Map(other.map((t) => [key(t), t]));
  const mine = new Set(ours.map(key));
  const twins = ours.flatMap((t) => {
    const twin = theirs.get(key(t));
    return twin ? [[t, twin] as const] : [];
  });
  const matching = twins.length;
  const samePrices = twins.filter(([a, b]) => a.entryPrice === b.entryPrice && a.exitPrice === b.exitPrice).length;
  const oursOnly = ours.find((t) => !theirs.has(key(t))) ?? null;
  const otherOnly = other.find((t) => !mine.has(key(t))) ?? null;
  return { ours: ours.length, other: other.length, matching, samePrices, firstDifference: oursOnly || otherOnly ? { ours: oursOnly, other: otherOnly } : null };
}

export function netReturnPct(entryPrice: number, exitPrice: number, fee: number): number {
  return ((exitPrice * (1 - fee)) / (entryPrice * (1 + fee)) - 1) * 100;
}
