/**
 * A backtest run cannot be reported because one of its fields is malformed (a decimal that is not one,
 * an equity point out of order, a range that ends before it starts). Names the field and its value; the
 * run is the engine's output, so this is a bug upstream, never something to round away.
 */
export class BacktestReportInputError extends Error {
  readonly code = 'BACKTEST_REPORT_INPUT';

  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`Backtest run field "${field}" ${reason} (got ${JSON.stringify(value) ?? String(value)})`);
    this.name = 'BacktestReportInputError';
  }
}
