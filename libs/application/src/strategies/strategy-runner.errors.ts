/** Two enabled strategies on one market would share its position: the runner refuses to load them. */
export class MarketAlreadyTradedError extends Error {
  readonly code = 'MARKET_ALREADY_TRADED';

  constructor(
    readonly market: string,
    readonly strategies: readonly [string, string],
  ) {
    super(`Market ${market} is traded by strategy ${strategies[0]} already; ${strategies[1]} cannot trade it too`);
    this.name = 'MarketAlreadyTradedError';
  }
}
