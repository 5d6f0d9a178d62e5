import fc from 'fast-check';
import { Dec } from './decimal';
import { DecimalSum } from './decimal-sum';

/** Decimal text as payloads hold it, signed, with up to 12 fractional digits and trailing zeros now and then. */
const amountUpTo = (maxUnits: bigint): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: maxUnits }), fc.integer({ min: 0, max: 12 }), fc.boolean()).map(([negative, units, scale, trailingZero]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}${trailingZero ? '0' : ''}`;
    return negative ? `-${text}` : text;
  });
const amount = amountUpTo(10n ** 14n);
/** Amounts near and past 15 digits: added through the bigint, and double parts that pass 2^53. */
const wideAmount = fc.oneof(amountUpTo(10n ** 30n), fc.constantFrom('999999999999999', '-999999999999999', '99999999999999.9', '0.999999999999999'));

/** Against `Dec` (60 significant digits, which these sums never reach): the same total, written the same way. */
describe('DecimalSum, on random amounts', () => {
  it('sums exactly what Dec sums, and writes it as Dec.toFixed() does', () => {
    fc.assert(
      fc.property(fc.oneof(amount, fc.constant('0')), fc.array(amount, { maxLength: 40 }), (start, amounts) => {
        const sum = new DecimalSum(start);
        let expected = new Dec(start);
        for (const text of amounts) {
          sum.add(text);
          expected = expected.plus(text);
        }
        expect(sum.toFixed()).toBe(expected.toFixed());
      }),
    );
  });

  it('stays exact with amounts of 15 digits and more, and sums past 2^53', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(amount, wideAmount), { maxLength: 60 }), (amounts) => {
        const sum = new DecimalSum();
        let expected = new Dec(0);
        for (const text of amounts) {
          sum.add(text);
          expected = expected.plus(text);
        }
        expect(sum.toFixed()).toBe(expected.toFixed());
      }),
    );
    const nines = new DecimalSum();
    for (let i = 0; i < 20; i += 1) nines.add('999999999999999');
    expect(nines.toFixed()).toBe('19999999999999980');
  });

  it('takes what Dec takes, exponents and numbers included, and refuses what Dec refuses', () => {
    expect(new DecimalSum(1.5).add('1e-8').add('-2.5E+2').add('0.00000000').toFixed()).toBe(new Dec(1.5).plus('1e-8').plus('-2.5E+2').toFixed());
    expect(new DecimalSum().add('-0.1').add('0.1').toFixed()).toBe('0');
    expect(new DecimalSum().toFixed()).toBe('0');
    expect(() => new DecimalSum().add('12abc')).toThrow(/DecimalError/);
  });
});
