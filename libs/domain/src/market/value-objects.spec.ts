import { Dec } from '../shared/decimal';
import { InvalidEnumValueError } from '../shared/enum-parser';
import { FeeRate } from './fee';
import { MarketCode } from './market-code';
import {
  CurrencyMismatchError,
  InvalidDecimalError,
  InvalidFeeRateError,
  InvalidMarketCodeError,
  InvalidMoneyError,
  InvalidVolumeError,
  UnsupportedQuoteCurrencyError,
} from './market.errors';
import { Money } from './money';
import { parseOrderType } from './order-type';
import { parseSide } from './side';
import { parseTimeInForce } from './time-in-force';
import { Volume } from './volume';

describe('MarketCode', () => {
  it('splits KRW-BTC into its quote and base currencies', () => {
    const market = MarketCode.parse('KRW-BTC');
    expect([market.quote, market.base, market.value]).toEqual(['KRW', 'BTC', 'KRW-BTC']);
    expect(market.equals(MarketCode.parse('KRW-BTC'))).toBe(true);
    expect(JSON.stringify(market)).toBe('"KRW-BTC"');
  });

  it.each(['krw-btc', 'KRWBTC', 'KRW-', '-BTC', 'KRW-BTC-X', ' KRW-BTC'])('refuses the malformed code "%s"', (code) => {
    expect(() => MarketCode.parse(code)).toThrow(InvalidMarketCodeError);
  });

  it('refuses a quote market without trading rules', () => {
    expect(() => MarketCode.parse('ETH-XRP')).toThrow(UnsupportedQuoteCurrencyError);
  });
});

describe('Volume', () => {
  it('keeps up to 8 decimals exactly', () => {
    expect(Volume.of('0.00000001').toString()).toBe('0.00000001');
    expect(Volume.of('12345678.12345678').value.eq('12345678.12345678')).toBe(true);
  });

  it.each([
    ['0', InvalidVolumeError],
    ['-1', InvalidVolumeError],
    ['0.000000001', InvalidVolumeError],
    ['1e-3', InvalidDecimalError],
    ['', InvalidDecimalError],
  ])('refuses %s', (text, error) => {
    expect(() => Volume.of(text)).toThrow(error);
  });
});

describe('Money', () => {
  it('adds and subtracts exactly in one currency', () => {
    const sum = Money.of('0.1', 'KRW').plus(Money.of('0.2', 'KRW'));
    expect(sum.equals(Money.of('0.3', 'KRW'))).toBe(true);
    expect(sum.minus(Money.of('1', 'KRW')).toJSON()).toEqual({ amount: '-0.7', currency: 'KRW' });
    expect(sum.minus(Money.of('1', 'KRW')).isNegative()).toBe(true);
  });

  it('refuses to mix currencies', () => {
    expect(() => Money.of('1', 'KRW').plus(Money.of('1', 'BTC'))).toThrow(CurrencyMismatchError);
  });

  it('refuses malformed amounts and currencies', () => {
    expect(() => Money.of('1.2.3', 'KRW')).toThrow(InvalidDecimalError);
    expect(() => Money.of('1', 'krw')).toThrow(InvalidMoneyError);
    expect(() => Money.from(new Dec(Infinity), 'KRW')).toThrow(InvalidMoneyError);
  });
});

describe('FeeRate', () => {
  it('computes the KRW fee of 0.05% exactly', () => {
    const fee = FeeRate.defaultFor(MarketCode.parse('KRW-BTC')).feeOn(Money.of('123456789', 'KRW'));
    expect(fee.toJSON()).toEqual({ amount: '61728.3945', currency: 'KRW' });
  });

  it('defaults to 0.25% on the BTC and USDT markets', () => {
    expect(FeeRate.defaultFor(MarketCode.parse('BTC-ETH')).toString()).toBe('0.0025');
    expect(FeeRate.defaultFor(MarketCode.parse('USDT-BTC')).toString()).toBe('0.0025');
  });

  it.each(['-0.001', '1', '1.5'])('refuses the rate %s', (rate) => {
    expect(() => FeeRate.of(rate)).toThrow(InvalidFeeRateError);
  });
});

describe('order terms', () => {
  it('parse the closed sets and refuse anything else', () => {
    expect(parseSide('buy')).toBe('buy');
    expect(parseOrderType('best')).toBe('best');
    expect(parseTimeInForce('post_only')).toBe('post_only');
    expect(() => parseSide('bid')).toThrow(InvalidEnumValueError);
    expect(() => parseOrderType('price')).toThrow(InvalidEnumValueError);
    expect(() => parseTimeInForce('day')).toThrow(InvalidEnumValueError);
  });
});
