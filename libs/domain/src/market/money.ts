import { Dec, DecimalString, decimalText, parseDecimal } from '../shared/decimal';
import { CurrencyMismatchError, InvalidDecimalError, InvalidMoneyError } from './market.errors';

const CURRENCY = /^[A-Z0-9]{2,10}$/;

/** An exact amount in one currency (KRW, BTC, USDT...). May be negative: losses and PnL are Money too. */
export class Money {
  private constructor(
    readonly amount: Dec,
    readonly currency: string,
  ) {}

  static of(text: string, currency: string): Money {
    const amount = parseDecimal(text);
    if (!amount) throw new InvalidDecimalError('Amount', text);
    return Money.from(amount, currency);
  }

  static from(amount: Dec, currency: string): Money {
    if (!CURRENCY.test(currency)) throw new InvalidMoneyError(currency, 'currency must be an upper-case code');
    if (!amount.isFinite()) throw new InvalidMoneyError(amount.toString(), 'must be finite');
    return new Money(amount, currency);
  }

  static zero(currency: string): Money {
    return Money.from(new Dec(0), currency);
  }

  plus(other: Money): Money {
    return new Money(this.amount.plus(this.sameCurrency(other).amount), this.currency);
  }

  minus(other: Money): Money {
    return new Money(this.amount.minus(this.sameCurrency(other).amount), this.currency);
  }

  times(factor: Dec): Money {
    return new Money(this.amount.mul(factor), this.currency);
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }

  toString(): string {
    return `${decimalText(this.amount)} ${this.currency}`;
  }

  toJSON(): { amount: DecimalString; currency: string } {
    return { amount: decimalText(this.amount), currency: this.currency };
  }

  private sameCurrency(other: Money): Money {
    if (other.currency !== this.currency) throw new CurrencyMismatchError(this.currency, other.currency);
    return other;
  }
}
