import { DomainError } from '../shared/domain-error';

export class InvalidMarketCodeError extends DomainError {
  readonly code = 'invalid_market_code';
  constructor(value: string) {
    super(`"${value}" is not a market code like KRW-BTC (QUOTE-BASE, upper case)`, value);
  }
}

export class UnsupportedQuoteCurrencyError extends DomainError {
  readonly code = 'unsupported_quote_currency';
  constructor(value: string) {
    super(`Quote currency "${value}" has no tick-size table (supported: KRW, BTC, USDT)`, value);
  }
}

export class InvalidDecimalError extends DomainError {
  readonly code = 'invalid_decimal';
  constructor(what: string, value: string) {
    super(`${what} "${value}" is not a plain decimal number`, value);
  }
}

export class InvalidPriceError extends DomainError {
  readonly code = 'invalid_price';
  constructor(value: string) {
    super(`A price must be a positive decimal, got "${value}"`, value);
  }
}

export class PriceOffTickError extends DomainError {
  readonly code = 'price_off_tick';
  constructor(
    value: string,
    readonly market: string,
    readonly tickSize: string,
  ) {
    super(`Price ${value} is not a multiple of the tick size ${tickSize} for ${market}`, value);
  }
}

export class InvalidVolumeError extends DomainError {
  readonly code = 'invalid_volume';
  constructor(value: string, reason: string) {
    super(`Invalid volume "${value}": ${reason}`, value);
  }
}

export class InvalidMoneyError extends DomainError {
  readonly code = 'invalid_money';
  constructor(value: string, reason: string) {
    super(`Invalid amount "${value}": ${reason}`, value);
  }
}

export class CurrencyMismatchError extends DomainError {
  readonly code = 'currency_mismatch';
  constructor(left: string, right: string) {
    super(`Cannot combine amounts in ${left} and ${right}`, { left, right });
  }
}

export class InvalidFeeRateError extends DomainError {
  readonly code = 'invalid_fee_rate';
  constructor(value: string) {
    super(`A fee rate must be a decimal in [0, 1), got "${value}"`, value);
  }
}
