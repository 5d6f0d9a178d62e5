/** `--keep-events` names a file that exists: a run never writes into another run's (or the trader's) store. */
export class BacktestEventsExistError extends Error {
  readonly code = 'backtest_events_exist';

  constructor(readonly path: string) {
    super(`--keep-events ${path}: the file exists; choose a new file (a backtest never writes into an existing event store)`);
    this.name = 'BacktestEventsExistError';
  }
}
