import { Dec, DecimalString, decimalText, parseDecimal } from '../shared/decimal';
import { MarketCode } from './market-code';
import { InvalidDecimalError, InvalidFeeRateError } from './market.errors';
import { Money } from './money';
import { QUOTE_MARKET_RULES } from './trading-rules';

/**
 * A fee rate as a fraction of the funds traded (Upbit KRW: 0.0005 = 0.05%). Upbit charges the fee in
 * the quote currency: on top of the funds for a buy, deducted from the proceeds of a sell.
 */
export class FeeRate {
  private constructor(readonly value: Dec) {}

  static of(text: string): FeeRate {
    const value = parseDecimal(text);
    if (!value) throw new InvalidDecimalError('Fee rate', text);
    if (value.isNegative() || value.gte(1)) throw new InvalidFeeRateError(text);
    return new FeeRate(value);
  }

  /** The rate Upbit charges by default on a market's quote currency, when the account's own is unknown. */
  static defaultFor(market: MarketCode): FeeRate {
    return FeeRate.of(QUOTE_MARKET_RULES[market.quote].defaultFeeRate);
  }

  /** The fee on a trade of `funds` (price x volume), exact. */
  feeOn(funds: Money): Money {
    return funds.times(this.value);
  }

  toString(): DecimalString {
    return decimalText(this.value);
  }

  toJSON(): DecimalString {
    return this.toString();
  }
}
