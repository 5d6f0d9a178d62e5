/** A backtest request that passed the DTO's rules but makes no sense as a whole (e.g. `to` before `from`). */
export class InvalidBacktestRequestError extends Error {
  readonly code = 'invalid_backtest_request';

  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidBacktestRequestError';
  }
}

export class BacktestNotFoundError extends Error {
  readonly code = 'backtest_not_found';

  constructor(readonly id: string) {
    super(`no backtest ${id} (jobs live in memory: a restart forgets them)`);
    this.name = 'BacktestNotFoundError';
  }
}

/** The report of a job that is not done yet (or failed). */
export class BacktestNotDoneError extends Error {
  readonly code = 'illegal_backtest_state';

  constructor(
    readonly id: string,
    readonly status: string,
  ) {
    super(`backtest ${id} is ${status}: its report exists once it is done`);
    this.name = 'BacktestNotDoneError';
  }
}
