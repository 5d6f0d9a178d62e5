/** A backtest job ended with an error in its worker (or its worker died): the pool goes on. */
export class BacktestJobFailedError extends Error {
  readonly code = 'backtest_job_failed';

  constructor(
    readonly reason: string,
    readonly causeName: string,
  ) {
    super(reason);
    this.name = 'BacktestJobFailedError';
  }
}

/** The job names a candle store that is not there. */
export class BacktestHistoryMissingError extends Error {
  readonly code = 'backtest_history_missing';

  constructor(readonly path: string) {
    super(`the candle store ${path} does not exist (download candles first: trader data download)`);
    this.name = 'BacktestHistoryMissingError';
  }
}

/** A job was submitted to a pool that is closing or closed. */
export class BacktestPoolClosedError extends Error {
  readonly code = 'backtest_pool_closed';

  constructor() {
    super('the backtest worker pool is closed');
    this.name = 'BacktestPoolClosedError';
  }
}
