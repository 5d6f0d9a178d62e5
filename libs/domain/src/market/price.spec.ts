import { MarketCode } from './market-code';
import { InvalidDecimalError, InvalidPriceError, PriceOffTickError } from './market.errors';
import { Price, tickSizeFor } from './price';
import { Dec } from '../shared/decimal';

const KRW_BTC = MarketCode.parse('KRW-BTC');

/**
 * Every KRW band boundary with the tick just below and from it, written out by hand from upbit-api.md §5
 * (not derived from the table under test).
 */
const KRW_BOUNDARIES: Array<[boundary: string, tickBelow: string, tickFrom: string]> = [
  ['2000000', '1000', '1000'],
  ['1000000', '500', '1000'],
  ['500000', '100', '500'],
  ['100000', '50', '100'],
  ['50000', '10', '50'],
  ['10000', '5', '10'],
  ['5000', '1', '5'],
  ['1000', '1', '1'],
  ['100', '0.1', '1'],
  ['10', '0.01', '0.1'],
  ['1', '0.001', '0.01'],
  ['0.1', '0.0001', '0.001'],
  ['0.01', '0.00001', '0.0001'],
  ['0.001', '0.000001', '0.00001'],
  ['0.0001', '0.0000001', '0.000001'],
  ['0.00001', '0.00000001', '0.0000001'],
];

const USDT_BOUNDARIES: Array<[string, string, string]> = [
  ['10', '0.001', '0.01'],
  ['1', '0.0001', '0.001'],
  ['0.1', '0.00001', '0.0001'],
  ['0.01', '0.000001', '0.00001'],
  ['0.001', '0.0000001', '0.000001'],
  ['0.0001', '0.00000001', '0.0000001'],
];

function text(value: Dec): string {
  return value.toFixed();
}

describe.each([
  ['KRW-BTC', KRW_BOUNDARIES],
  ['USDT-BTC', USDT_BOUNDARIES],
])('tick sizes on %s', (code, boundaries) => {
  const market = MarketCode.parse(code);

  describe.each(boundaries)('at the band boundary %s', (boundary, tickBelow, tickFrom) => {
    const b = new Dec(boundary);
    const below = new Dec(tickBelow);
    const from = new Dec(tickFrom);

    it('uses the upper band from the boundary itself and the lower band one tick below', () => {
      expect(text(tickSizeFor(market, b))).toBe(tickFrom);
      expect(text(tickSizeFor(market, b.minus(below)))).toBe(tickBelow);
    });

    it('accepts the boundary and the last price of the band below', () => {
      expect(Price.of(market, boundary).toString()).toBe(boundary);
      expect(Price.of(market, text(b.minus(below))).toString()).toBe(text(b.minus(below)));
    });

    it('accepts the first step above the boundary and refuses a lower-band step there', () => {
      expect(Price.of(market, text(b.plus(from))).toString()).toBe(text(b.plus(from)));
      if (!from.eq(below)) {
        expect(() => Price.of(market, text(b.plus(below)))).toThrow(PriceOffTickError);
      }
    });

    it('rounds a price just below the boundary down a lower tick and up onto the boundary', () => {
      const justBelow = text(b.minus(below.div(2)));
      expect(Price.rounded(market, justBelow, 'down').toString()).toBe(text(b.minus(below)));
      expect(Price.rounded(market, justBelow, 'up').toString()).toBe(boundary);
    });

    it('rounds a price just above the boundary down onto it and up one upper tick', () => {
      const justAbove = text(b.plus(from.div(2)));
      expect(Price.rounded(market, justAbove, 'down').toString()).toBe(boundary);
      expect(Price.rounded(market, justAbove, 'up').toString()).toBe(text(b.plus(from)));
    });
  });
});

describe('Price', () => {
  it('keeps a BTC-market price to the satoshi at every level', () => {
    const market = MarketCode.parse('BTC-ETH');
    expect(Price.of(market, '0.03456789').toString()).toBe('0.03456789');
    expect(() => Price.of(market, '0.034567891')).toThrow(PriceOffTickError);
    expect(Price.rounded(market, '0.034567891', 'up').toString()).toBe('0.0345679');
  });

  it('applies the 0.5 KRW tick of KRW-USDT between 1,000 and 10,000 KRW only', () => {
    const usdt = MarketCode.parse('KRW-USDT');
    expect(Price.of(usdt, '1385.5').toString()).toBe('1385.5');
    expect(() => Price.of(KRW_BTC, '1385.5')).toThrow(PriceOffTickError);
    expect(() => Price.of(usdt, '999.5')).toThrow(PriceOffTickError);
    expect(() => Price.of(usdt, '10000.5')).toThrow(PriceOffTickError);
  });

  it('names the market and the tick in an off-tick error', () => {
    expect(() => Price.of(KRW_BTC, '150000050')).toThrow(
      expect.objectContaining({ code: 'price_off_tick', value: '150000050', market: 'KRW-BTC', tickSize: '1000' }),
    );
  });

  it.each(['0', '-1000', '-0.5'])('refuses the non-positive price %s', (value) => {
    expect(() => Price.of(KRW_BTC, value)).toThrow(InvalidPriceError);
  });

  it.each(['', 'abc', '1e6', ' 1000', '1,000', '+1000', '01000', 'NaN', 'Infinity'])(
    'refuses the malformed price "%s"',
    (value) => {
      expect(() => Price.of(KRW_BTC, value)).toThrow(InvalidDecimalError);
    },
  );

  it('rounds a price below the smallest tick up to one tick rather than to zero', () => {
    expect(Price.rounded(KRW_BTC, '0.000000001', 'down').toString()).toBe('0.00000001');
  });

  it('tells its own tick size', () => {
    expect(Price.of(KRW_BTC, '150000000').tickSize.toFixed()).toBe('1000');
    expect(Price.of(KRW_BTC, '2345').tickSize.toFixed()).toBe('1');
  });

  it('serialises to its decimal text', () => {
    expect(JSON.stringify({ price: Price.of(KRW_BTC, '150000000') })).toBe('{"price":"150000000"}');
  });
});
