import { InvalidMarketCodeError, UnsupportedQuoteCurrencyError } from './market.errors';

/** The quote markets Upbit runs and whose trading rules (tick sizes, minimum order) we hold as data. */
export const QUOTE_CURRENCIES = ['KRW', 'BTC', 'USDT'] as const;
export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];

const MARKET_CODE = /^([A-Z]+)-([A-Z0-9]+)$/;

function isQuoteCurrency(value: string): value is QuoteCurrency {
  return (QUOTE_CURRENCIES as readonly string[]).includes(value);
}

/** An Upbit market code, `QUOTE-BASE`: in KRW-BTC, KRW is what prices are quoted in and BTC is traded. */
export class MarketCode {
  private constructor(
    readonly quote: QuoteCurrency,
    readonly base: string,
  ) {}

  static parse(text: string): MarketCode {
    const match = MARKET_CODE.exec(text);
    if (!match) throw new InvalidMarketCodeError(text);
    const [, quote, base] = match;
    if (!isQuoteCurrency(quote)) throw new UnsupportedQuoteCurrencyError(quote);
    return new MarketCode(quote, base);
  }

  get value(): string {
    return `${this.quote}-${this.base}`;
  }

  equals(other: MarketCode): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}
