import { Dec, parseDecimal } from '@trader/domain';
import { BacktestReportInputError } from './backtest-report.errors';

/** A decimal string of the run, parsed strictly; the error names the field. */
export function readDecimal(field: string, text: string): Dec {
  const value = typeof text === 'string' ? parseDecimal(text) : null;
  if (value === null) throw new BacktestReportInputError(field, text, 'is not a decimal string');
  return value;
}

/** A finite number of the run; the error names the field. */
export function readFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BacktestReportInputError(field, value, 'is not a finite number');
  return value;
}
