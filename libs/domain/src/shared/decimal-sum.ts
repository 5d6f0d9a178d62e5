import { Dec, DecimalString } from './decimal';

/** Plain decimal text: what payloads store (and what `Dec.toFixed()` writes). */
const PLAIN = /^-?\d+(\.\d+)?$/;

/**
 * Most digits an amount scaled to the sum's scale may have to be added as a double: below 10^15 (< 2^51),
 * `Number(text) × 10^scale` is within 0.25 of the integer it stands for, so rounding gives it exactly.
 */
const doubleDigits = 15;
/** The double part of the sum is moved into the bigint before it could pass 2^53 with one more amount (< 10^15). */
const doubleLimit = 2 ** 53 - 10 ** doubleDigits;
/** Powers of ten as doubles, exact up to 10^22. */
const tens = Array.from({ length: doubleDigits + 1 }, (_, i) => 10 ** i);

/**
 * An exact running sum of decimal texts, for loops that add many amounts and read the total once (a
 * read model's daily sums): fixed point, scaled to the longest fraction seen, so no sum ever rounds.
 * Amounts of at most 15 digits at that scale (a day's fees and realised PnL, as the read model sums
 * them) are added as integers in a double, which is exact below 2^53 and about four times cheaper than a bigint made from
 * text; the double is moved into a bigint before it could lose a unit. Longer amounts go to the bigint
 * directly. Text that is not plain decimal notation (an exponent) goes through `Dec` first, and what
 * `Dec` refuses throws as it does.
 */
export class DecimalSum {
  private units = 0n;
  /** Units added as doubles, not moved into `units` yet: always an exact integer. */
  private pending = 0;
  private scale = 0;

  constructor(start: DecimalString | number = '0') {
    this.add(typeof start === 'number' ? new Dec(start).toFixed() : start);
  }

  add(amount: DecimalString): this {
    const text = PLAIN.test(amount) ? amount : new Dec(amount).toFixed();
    const negative = text.charCodeAt(0) === 45; // '-'
    const dot = text.indexOf('.');
    const fractionDigits = dot < 0 ? 0 : text.length - dot - 1;
    if (fractionDigits > this.scale) this.rescale(fractionDigits);
    const wholeDigits = (dot < 0 ? text.length : dot) - (negative ? 1 : 0);
    if (wholeDigits + this.scale <= doubleDigits) {
      if (this.pending >= doubleLimit || this.pending <= -doubleLimit) this.settle();
      this.pending += Math.round(Number(text) * (tens[this.scale] as number));
      return this;
    }
    const whole = text.slice(negative ? 1 : 0, dot < 0 ? undefined : dot);
    const fraction = dot < 0 ? '' : text.slice(dot + 1);
    const units = BigInt(whole + fraction.padEnd(this.scale, '0'));
    this.units += negative ? -units : units;
    return this;
  }

  /** The sum as payloads store decimals (`Dec.toFixed()`): fixed notation, no trailing zeros. */
  toFixed(): DecimalString {
    this.settle();
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction.length > 0 ? `.${fraction}` : ''}`;
  }

  private settle(): void {
    if (this.pending === 0) return;
    this.units += BigInt(this.pending);
    this.pending = 0;
  }

  private rescale(scale: number): void {
    this.settle();
    this.units *= 10n ** BigInt(scale - this.scale);
    this.scale = scale;
  }
}
