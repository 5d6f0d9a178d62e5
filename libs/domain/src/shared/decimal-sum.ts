import { Dec, DecimalString } from './decimal';

/** Plain decimal text: what payloads store (and what `Dec.toFixed()` writes). */
const PLAIN = /^-?\d+(\.\d+)?$/;

/**
 * An exact running sum of decimal texts, for loops that add many amounts and read the total once (a
 * read model's daily sums): fixed point on a bigint, scaled to the longest fraction seen, so no sum
 * ever rounds. An addition costs a fraction of a `Dec` parse and `plus`; text that is not plain
 * decimal notation (an exponent) goes through `Dec` first, and what `Dec` refuses throws as it does.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 0;

  constructor(start: DecimalString | number = '0') {
    this.add(typeof start === 'number' ? new Dec(start).toFixed() : start);
  }

  add(amount: DecimalString): this {
    const text = PLAIN.test(amount) ? amount : new Dec(amount).toFixed();
    const negative = text.charCodeAt(0) === 45; // '-'
    const dot = text.indexOf('.');
    const whole = text.slice(negative ? 1 : 0, dot < 0 ? undefined : dot);
    const fraction = dot < 0 ? '' : text.slice(dot + 1);
    if (fraction.length > this.scale) {
      this.units *= 10n ** BigInt(fraction.length - this.scale);
      this.scale = fraction.length;
    }
    const units = BigInt(whole + fraction.padEnd(this.scale, '0'));
    this.units += negative ? -units : units;
    return this;
  }

  /** The sum as payloads store decimals (`Dec.toFixed()`): fixed notation, no trailing zeros. */
  toFixed(): DecimalString {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction.length > 0 ? `.${fraction}` : ''}`;
  }
}
