import { Money } from '../market/money';
import { InsufficientBalanceForSizingError, orderFunds } from './sizing';

describe('orderFunds', () => {
  it('spends a fixed amount of the quote currency', () => {
    expect(orderFunds({ kind: 'fixed_quote', amount: '100000' }, Money.of('5000000', 'KRW')).toJSON()).toEqual({ amount: '100000', currency: 'KRW' });
  });

  it('spends a share of the balance, rounded down to whole KRW', () => {
    expect(orderFunds({ kind: 'balance_percent', percent: '10' }, Money.of('1234567.89', 'KRW')).toJSON()).toEqual({ amount: '123456', currency: 'KRW' });
  });

  it('refuses to size from an empty balance', () => {
    expect(() => orderFunds({ kind: 'balance_percent', percent: '10' }, Money.zero('KRW'))).toThrow(InsufficientBalanceForSizingError);
  });
});
