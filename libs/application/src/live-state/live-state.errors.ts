/**
 * A read the trader answers from the streams it keeps cannot be answered: the state was never loaded
 * (the start-up seeding has not succeeded yet). Answered 503: the operator should retry, not trust a guess.
 */
export class LiveStateUnavailableError extends Error {
  readonly code = 'LIVE_STATE_UNAVAILABLE';

  constructor(
    message: string,
    readonly what: string,
  ) {
    super(message);
    this.name = 'LiveStateUnavailableError';
  }
}
