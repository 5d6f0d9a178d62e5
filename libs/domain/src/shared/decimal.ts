import Decimal from 'decimal.js';

/**
 * The one decimal type of the domain. A private clone, so no other code changing decimal.js's global
 * settings can affect us. 60 significant digits: products of an 8-decimal volume and a KRW price, and
 * sums of ten thousand of them, stay exact; only divisions (average prices) round, at the 60th digit.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Dec = Decimal;

/** A decimal as stored in event payloads: a plain string without exponent, e.g. "0.00012". */
export type DecimalString = string;

const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Parses decimal text strictly (no exponents, no blanks, no "+", no leading zeros); null when invalid. */
export function parseDecimal(text: string): Dec | null {
  if (!DECIMAL_TEXT.test(text)) return null;
  return new Dec(text);
}

/** Renders a decimal the way payloads store it: fixed notation, no trailing zeros. */
export function decimalText(value: Dec): DecimalString {
  return value.toFixed();
}
