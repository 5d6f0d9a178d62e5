import { Dec } from '../shared/decimal';
import { DomainError } from '../shared/domain-error';
import { Money } from '../market/money';
import { Sizing } from './strategy-definition';

export class InsufficientBalanceForSizingError extends DomainError {
  readonly code = 'insufficient_balance_for_sizing';
  constructor(available: Money) {
    super(`No balance to size an order from: ${available.toString()}`, available.toJSON());
  }
}

/**
 * The quote-currency amount a buy decision spends: a fixed amount, or a share of the available balance
 * (rounded down to whole units of the quote's smallest step, 1 KRW). Risk checks run on the result.
 */
export function orderFunds(sizing: Sizing, available: Money, step: Dec = new Dec(1)): Money {
  if (sizing.kind === 'fixed_quote') return Money.of(sizing.amount, available.currency);
  if (!available.amount.gt(0)) throw new InsufficientBalanceForSizingError(available);
  const share = available.amount.mul(sizing.percent).div(100);
  return Money.from(share.div(step).floor().mul(step), available.currency);
}
