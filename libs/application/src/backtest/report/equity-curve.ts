import type { BacktestRun, EquityPoint } from '../backtest-run';
import { BacktestReportInputError } from './backtest-report.errors';
import { readDecimal, readFinite } from './run-fields';

export const DAY_MS = 86_400_000;

/**
 * The run's equity from `from` to `to`: its points, preceded by the initial quote at `from` and
 * followed by the final equity at `to` when the engine's points do not already reach them. Both ends
 * are pinned so that the daily returns compound to exactly the total return.
 */
export function equityCurve(run: BacktestRun): EquityPoint[] {
  readFinite('from', run.from);
  readFinite('to', run.to);
  if (run.to <= run.from) throw new BacktestReportInputError('to', run.to, `must be after from (${run.from})`);
  const initial = readDecimal('initialQuote', run.initialQuote).toNumber();
  const final = readDecimal('finalEquity', run.finalEquity).toNumber();
  const curve: EquityPoint[] = [];
  run.equity.forEach((point, index) => {
    const at = readFinite(`equity[${index}].at`, point.at);
    const equity = readFinite(`equity[${index}].equity`, point.equity);
    if (at < run.from || at > run.to) throw new BacktestReportInputError(`equity[${index}].at`, at, `is outside the run (${run.from}..${run.to})`);
    const previous = curve.at(-1);
    if (previous !== undefined && at < previous.at) throw new BacktestReportInputError(`equity[${index}].at`, at, `goes back in time (previous ${previous.at})`);
    if (equity < 0) throw new BacktestReportInputError(`equity[${index}].equity`, equity, 'is negative');
    curve.push({ at, equity });
  });
  if (curve.length === 0 || curve[0].at > run.from) curve.unshift({ at: run.from, equity: initial });
  if (curve[curve.length - 1].at < run.to) curve.push({ at: run.to, equity: final });
  return curve;
}

/** How far below its running peak the equity is at each point, in percent (0 at a new high). */
export function drawdownCurve(curve: readonly EquityPoint[]): EquityPoint[] {
  let peak = 0;
  return curve.map((point) => {
    peak = Math.max(peak, point.equity);
    return { at: point.at, equity: peak > 0 ? ((peak - point.equity) / peak) * 100 : 0 };
  });
}

/**
 * Equity at each UTC day end the run crosses (midnights strictly inside from..to), then at `to`,
 * preceded by the equity at `from`: n + 1 values for n daily returns. A value is that of the last point
 * at or before the instant. The first and last day may be partial days.
 */
export function dayEndEquity(curve: readonly EquityPoint[], from: number, to: number): number[] {
  const values = [curve[0].equity];
  let index = 0;
  const valueAt = (instant: number): number => {
    while (index + 1 < curve.length && curve[index + 1].at <= instant) index += 1;
    return curve[index].equity;
  };
  for (let midnight = Math.floor(from / DAY_MS) * DAY_MS + DAY_MS; midnight < to; midnight += DAY_MS) values.push(valueAt(midnight));
  values.push(valueAt(to));
  return values;
}
