import type { EquityPoint } from '../backtest-run';
import type { MaxDrawdown } from './backtest-metrics';

/**
 * The deepest peak-to-trough fall of the curve (the first one when two are equally deep), and how long
 * it lasted: from its peak to the first point back at or above that peak, or to `end` if none.
 */
export function maxDrawdown(curve: readonly EquityPoint[], end: number): MaxDrawdown {
  let peak = curve[0];
  let deepest = { depth: 0, peak: curve[0], trough: curve[0] };
  for (const point of curve) {
    if (point.equity > peak.equity) peak = point;
    const depth = peak.equity > 0 ? (peak.equity - point.equity) / peak.equity : 0;
    if (depth > deepest.depth) deepest = { depth, peak, trough: point };
  }
  if (deepest.depth === 0) return { depthPct: 0, peakAt: curve[0].at, troughAt: curve[0].at, recoveredAt: null, durationMs: 0 };
  const recovery = curve.find((point) => point.at > deepest.trough.at && point.equity >= deepest.peak.equity);
  const recoveredAt = recovery?.at ?? null;
  return {
    depthPct: deepest.depth * 100,
    peakAt: deepest.peak.at,
    troughAt: deepest.trough.at,
    recoveredAt,
    durationMs: (recoveredAt ?? end) - deepest.peak.at,
  };
}
