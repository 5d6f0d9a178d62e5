import { DomainError } from '../shared/domain-error';

/** A sell for more than the position holds: spot trading cannot go short, so the data is corrupt. */
export class PositionOversoldError extends DomainError {
  readonly code = 'position_oversold';
  constructor(market: string, quantity: string, volume: string) {
    super(`Cannot sell ${volume} of ${market}: the position holds ${quantity}`, { market, quantity, volume });
  }
}

export class PositionMarketMismatchError extends DomainError {
  readonly code = 'position_market_mismatch';
  constructor(expected: string, received: string) {
    super(`A fill for ${received} cannot change the ${expected} position`, { expected, received });
  }
}
