import { Dec, DecimalString, decimalText, parseDecimal } from '../shared/decimal';
import { InvalidDecimalError, InvalidVolumeError } from './market.errors';

/** Upbit expresses coin amounts with at most 8 decimals (one satoshi for BTC). */
export const VOLUME_DECIMALS = 8;

/** An amount of the traded (base) currency in an order or a fill: positive, at most 8 decimals. */
export class Volume {
  private constructor(readonly value: Dec) {}

  static of(text: string): Volume {
    const value = parseDecimal(text);
    if (!value) throw new InvalidDecimalError('Volume', text);
    if (value.lte(0)) throw new InvalidVolumeError(text, 'must be positive');
    if (value.decimalPlaces() > VOLUME_DECIMALS) {
      throw new InvalidVolumeError(text, `has more than ${VOLUME_DECIMALS} decimals`);
    }
    return new Volume(value);
  }

  toString(): DecimalString {
    return decimalText(this.value);
  }

  toJSON(): DecimalString {
    return this.toString();
  }
}
