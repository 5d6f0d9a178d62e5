/**
 * Hand-written tick tapes for the reference strategy (basic 7 rules), each pinning one behaviour the
 * original meant (issue 13). Plain data, so the evaluator specs and a backtest can replay the same
 * sequences: a position is entered at `entryPrice` (RSI(14) < 30 after `RSI_OVERSOLD_CLOSES`), then
 * each tick comes `afterMs` after the previous one. Ticks two minutes apart keep the one-minute crash
 * and surge windows out of the way unless a tape wants them.
 */
export interface ScriptedTick {
  readonly afterMs: number;
  readonly price: number;
}

export interface ReferenceTape {
  readonly name: string;
  /** What the reference strategy must do on this tape. */
  readonly expect: string;
  readonly entryPrice: number;
  readonly ticks: readonly ScriptedTick[];
}

const MINUTE = 60_000;

/** Fifteen falling one-minute closes: RSI(14) = 0, so the entry trigger fires on any tick without a position. */
export const RSI_OVERSOLD_CLOSES: readonly number[] = Array.from({ length: 15 }, (_, i) => 130 - i * 2);

const everyTwoMinutes = (prices: readonly number[]): ScriptedTick[] => prices.map((price) => ({ afterMs: 2 * MINUTE, price }));

export const REFERENCE_TAPES = {
  /** Issue 13, point 1: moving the trailing stop never outranks an add. */
  rising: {
    name: 'strictly rising 100 → 140',
    expect:
      'adds at each +5% step from the last buy (105, 111, 117: three adds, each on the tick it is due), then takes the planned profit at the next step (123)',
    entryPrice: 100,
    ticks: everyTwoMinutes(Array.from({ length: 40 }, (_, i) => 101 + i)),
  },
  /** Issue 13, point 2: a surge stops pyramiding for the rest of the position. */
  surge: {
    name: '+5% spike in 40 s, then +6% more',
    expect: 'no pyramiding add after the spike (nor on it); no planned take-profit; the trailing stop closes on a 3% drop from the high (120.2 after 124)',
    entryPrice: 100,
    ticks: [
      { afterMs: 2 * MINUTE, price: 100 },
      { afterMs: 40_000, price: 105 },
      ...everyTwoMinutes([111.3, 115, 120, 124, 120.2]),
    ],
  },
  /** Issue 13, point 2: averaging down is not blocked by a surge. */
  averageDownAfterSurge: {
    name: '+5% rebound in 30 s from 95.1, then back to 95 within 20 s',
    expect: 'the rebound stops pyramiding, and the fall to 95 (-5% from the average, not a crash: 95 > 99.9 × 0.95) averages down',
    entryPrice: 100,
    ticks: [
      { afterMs: 2 * MINUTE, price: 95.1 },
      { afterMs: 30_000, price: 99.9 },
      { afterMs: 20_000, price: 95 },
    ],
  },
  /** Issue 13, point 3: the crash exit, then no entry while the fall is in its one-minute window. */
  crash: {
    name: '-6% in 30 s, RSI still < 30',
    expect: 'the crash exit closes at 94; no entry on the ticks 10 s and 59 s later; the entry fires again 60 s after the crash tick',
    entryPrice: 100,
    ticks: [
      { afterMs: 2 * MINUTE, price: 100 },
      { afterMs: 30_000, price: 94 },
      { afterMs: 10_000, price: 93 },
      { afterMs: 49_000, price: 93 },
      { afterMs: 1_000, price: 93 },
    ],
  },
  /** Issue 13, trailing stop: it never arms above the price. */
  armBelowPrice: {
    name: 'high 104 before arming, two averaging-down adds, then +5% over the lower average',
    expect:
      'averages down at 95 and 92.6; arms at 100.7 (also a pyramiding add, +5% over the last buy) with its stop at 100.7 × 0.97, not 104 × 0.97 = 100.88 above the price; the rising tick 100.8 does not close',
    entryPrice: 100,
    ticks: everyTwoMinutes([104, 95, 92.6, 100.7, 100.8]),
  },
} as const satisfies Record<string, ReferenceTape>;
