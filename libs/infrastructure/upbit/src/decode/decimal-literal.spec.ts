import { Dec } from '@trader/domain';
import fc from 'fast-check';
import { decimalOfInteger } from './decimal-literal';
import { parseExactJson } from './exact-json';

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: min, maxLength: max }).map((list) => list.join(''));

/** JSON number literals: integers, fractions with leading and trailing zeros, exponents, very long digit runs. */
export const jsonNumberLiteral: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom('1', '2', '5', '9'), digits(0, 40)).map(([head, tail]) => head + tail)),
    fc.option(digits(1, 40), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)), { nil: undefined }),
  )
  .map(([sign, int, fraction, exponent]) => `${sign}${int}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : exponent.join('')}`);

/** The decimal a parsed value stands for, as Fields reads it. */
function decimalOf(value: unknown): Dec {
  if (typeof value === 'number') return decimalOfInteger(value);
  if (value instanceof Dec) return value;
  throw new Error(`not a number: ${String(value)}`);
}

describe('exact decimals built from literal digits', () => {
  it('equal new Dec(literal) in value, in every internal word and in text, for any JSON number literal', () => {
    fc.assert(
      fc.property(jsonNumberLiteral, (literal) => {
        const value = (parseExactJson(`{"v":${literal}}`, 'test') as { v: unknown }).v;
        const expected = new Dec(literal);
        const decoded = decimalOf(value);
        // toEqual compares the own properties (sign, exponent, base-1e7 words): identical, not merely equal.
        expect(decoded).toEqual(expected);
        expect(decoded.toFixed()).toBe(expected.toFixed());
        expect(decoded.toString()).toBe(expected.toString());
        expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keep exponents beyond a double the way decimal.js does (Infinity, zero, or exact)', () => {
    for (const literal of ['1e400', '-2.5e-400', '7e9000000000000000', '7e-9000000000000000', '1e99999999999999999999']) {
      const value = (parseExactJson(`{"v":${literal}}`, 'test') as { v: unknown }).v;
      expect(value).toEqual(new Dec(literal));
    }
  });

  it('compute like constructed decimals', () => {
    fc.assert(
      fc.property(jsonNumberLiteral, jsonNumberLiteral, (a, b) => {
        const [x, y] = (parseExactJson(`[${a},${b}]`, 'test') as unknown[]).map(decimalOf);
        expect(x.plus(y).toFixed()).toBe(new Dec(a).plus(new Dec(b)).toFixed());
        expect(x.mul(y).toFixed()).toBe(new Dec(a).mul(new Dec(b)).toFixed());
        expect(x.comparedTo(y)).toBe(new Dec(a).comparedTo(new Dec(b)));
      }),
      { numRuns: 500 },
    );
  });

  it('equal new Dec(n) for any safe integer, -0 included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1e8, max: 1e8 }), fc.constant(-0)), (n) => {
        expect(decimalOfInteger(n)).toEqual(new Dec(n));
      }),
      { numRuns: 2_000 },
    );
  });
});
