import Decimal from 'decimal.js';

/**
 * The simulator's own decimal constructor, a private clone so nothing changing decimal.js's global
 * settings affects it. It shares no code with the trader's domain, yet has the same settings as the
 * domain's `Dec` (60 significant digits, half-even), so the exchange side computes balances and
 * fees as exactly as the trader does; tools/architecture/decimal-settings.spec.ts keeps them equal.
 * Strings are written with toFixed, so they never take exponent notation, as Upbit prints them.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Dec = Decimal;

export const ZERO = new Dec(0);

/** Volumes on Upbit carry at most 8 decimal places. */
export const VOLUME_DECIMALS = 8;

const NUMERIC = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses a non-negative decimal written in plain notation (what Upbit accepts); undefined otherwise. */
export function parseDecimal(value: unknown): Dec | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    return new Dec(String(value));
  }
  if (typeof value !== 'string' || !NUMERIC.test(value.trim())) return undefined;
  return new Dec(value.trim());
}

/** Exchange API responses carry numbers as strings with at least one decimal ("1000.0", "0.0"). */
export function toUpbitString(value: Dec): string {
  const text = value.toFixed();
  return text.includes('.') ? text : `${text}.0`;
}

/** Quotation API and WebSocket payloads carry numbers as JSON numbers. */
export function toJsonNumber(value: Dec): number {
  return Number(value.toFixed());
}
