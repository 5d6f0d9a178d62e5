/** Something that would let a run see the future (a price older than one already seen). */
export class BacktestTimeError extends Error {
  readonly code = 'backtest_time_went_back';

  constructor(
    readonly now: number,
    readonly requested: number,
  ) {
    super(`the backtest clock is at ${new Date(now).toISOString()} and cannot go back to ${new Date(requested).toISOString()}`);
    this.name = 'BacktestTimeError';
  }
}

/** The options of a backtest are wrong; `field` names the one. */
export class BacktestOptionsError extends Error {
  readonly code = 'invalid_backtest_options';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'BacktestOptionsError';
  }
}

/** The history holds nothing to run on for the range. */
export class NoHistoryError extends Error {
  readonly code = 'no_history';

  constructor(
    readonly markets: readonly string[],
    readonly timeframe: string,
    readonly from: number,
    readonly to: number,
  ) {
    super(
      `no ${timeframe} candles or recorded trades of ${markets.join(', ')} from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} in the history store (download them with: trader data download)`,
    );
    this.name = 'NoHistoryError';
  }
}
