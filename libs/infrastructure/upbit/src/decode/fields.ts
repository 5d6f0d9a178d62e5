import { ProtocolError } from '@trader/application';
import { Dec } from '@trader/domain';
import { decimalOfInteger } from './decimal-literal';
import type { ObjectMembers } from './object-members';

const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// Held here once: the imported binding is read through a module getter on every use.
const DECIMAL_CLASS = Dec;
const INTEGER = /^\d+$/;
const NOT_AN_ELEMENT = -1;

/**
 * Reads one JSON object from the wire into typed values. Every reader throws a `ProtocolError`
 * naming the field (`orders[2].price`) when the value is missing, malformed, NaN or negative where
 * a quantity must not be: nothing from the wire becomes a silent NaN. Numbers arrive as
 * `parseExactJson` gives them: safe integers as numbers, every other number as a `Dec`.
 * Paths are only spelled out when a reader refuses: a 30-level order book reads 120 fields.
 */
export class Fields {
  private constructor(
    private readonly record: Readonly<Record<string, unknown>> | undefined,
    private readonly members: ObjectMembers | undefined,
    private readonly base: string,
    private readonly index: number,
  ) {}

  static of(value: unknown, path: string): Fields {
    if (!isRecord(value)) throw new ProtocolError(path, value, 'an object');
    return new Fields(value, undefined, path, NOT_AN_ELEMENT);
  }

  /** The members of an object read by parseExactMembers (no record built). */
  static ofMembers(members: ObjectMembers, path: string): Fields {
    return new Fields(undefined, members, path, NOT_AN_ELEMENT);
  }

  /** Element `index` of the list at `listPath`, which must be an object. */
  static element(value: unknown, listPath: string, index: number): Fields {
    if (!isRecord(value)) throw new ProtocolError(`${listPath}[${index}]`, value, 'an object');
    return new Fields(value, undefined, listPath, index);
  }

  static list(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) throw new ProtocolError(path, value, 'an array');
    return value;
  }

  /** The amount `value`, read from `key` of element `index` of the list at `listPath`. */
  static amountIn(value: unknown, listPath: string, index: number, key: string): Dec {
    const amount = amountOf(value);
    if (amount === undefined) throw new ProtocolError(`${listPath}[${index}].${key}`, value, 'a non-negative decimal');
    return amount;
  }

  /** An array element that is itself an amount. */
  static amount(value: unknown, path: string): Dec {
    const amount = amountOf(value);
    if (amount === undefined) throw new ProtocolError(path, value, 'a non-negative decimal');
    return amount;
  }

  private get(key: string): unknown {
    return this.record !== undefined ? this.record[key] : (this.members as ObjectMembers).get(key);
  }

  get path(): string {
    return this.index === NOT_AN_ELEMENT ? this.base : `${this.base}[${this.index}]`;
  }

  has(key: string): boolean {
    const value = this.get(key);
    return value !== undefined && value !== null;
  }

  raw(key: string): unknown {
    return this.get(key);
  }

  /** A quantity, price or fee: an exact decimal >= 0. */
  amount(key: string): Dec {
    const value = this.get(key);
    const amount = amountOf(value);
    if (amount === undefined) throw new ProtocolError(this.at(key), value, 'a non-negative decimal');
    return amount;
  }

  optionalAmount(key: string): Dec | undefined {
    return this.has(key) ? this.amount(key) : undefined;
  }

  /** A signed decimal (changes, rates). */
  decimal(key: string): Dec {
    const value = this.get(key);
    if (value instanceof DECIMAL_CLASS) {
      if (inDoubleRange(value)) return value;
    } else if (typeof value === 'number') {
      if (Number.isFinite(value)) return decimalOfNumber(value);
    } else if (typeof value === 'string' && DECIMAL.test(value)) {
      const decimal = new Dec(value);
      if (inDoubleRange(decimal)) return decimal;
    }
    throw new ProtocolError(this.at(key), value, 'a decimal number');
  }

  optionalDecimal(key: string): Dec | undefined {
    return this.has(key) ? this.decimal(key) : undefined;
  }

  /** A non-negative integer that fits a JS number exactly (timestamps, counts, sequence ids). */
  integer(key: string): number {
    const value = this.get(key);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || value < 0) throw new ProtocolError(this.at(key), value, 'a non-negative integer below 2^53');
      return value;
    }
    if (value instanceof DECIMAL_CLASS) {
      // A literal such as 1.0 or 1e3: what JSON.parse would have made a safe integer.
      if (!value.isInteger() || value.lessThan(0) || value.greaterThan(Number.MAX_SAFE_INTEGER)) {
        throw new ProtocolError(this.at(key), value, 'a non-negative integer below 2^53');
      }
      return value.toNumber();
    }
    if (typeof value !== 'string' || !INTEGER.test(value)) throw new ProtocolError(this.at(key), value, 'a non-negative integer');
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new ProtocolError(this.at(key), value, 'an integer below 2^53');
    return parsed;
  }

  optionalInteger(key: string): number | undefined {
    return this.has(key) ? this.integer(key) : undefined;
  }

  text(key: string): string {
    const value = this.get(key);
    if (typeof value !== 'string' || value.length === 0) throw new ProtocolError(this.at(key), value, 'a non-empty string');
    return value;
  }

  optionalText(key: string): string | undefined {
    return this.has(key) ? this.text(key) : undefined;
  }

  bool(key: string): boolean {
    const value = this.get(key);
    if (typeof value !== 'boolean') throw new ProtocolError(this.at(key), value, 'true or false');
    return value;
  }

  optionalBool(key: string): boolean | undefined {
    return this.has(key) ? this.bool(key) : undefined;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.get(key);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new ProtocolError(this.at(key), value, `one of ${allowed.join('|')}`);
    }
    return value as T;
  }

  optionalOneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    return this.has(key) ? this.oneOf(key, allowed) : undefined;
  }

  /** An ISO-8601 date-time with a zone (Upbit's `created_at`), as epoch ms. */
  isoTime(key: string): number {
    const text = this.text(key);
    const ms = Date.parse(text);
    if (!/[zZ]|[+-]\d\d:?\d\d$/.test(text) || Number.isNaN(ms)) throw new ProtocolError(this.at(key), text, 'an ISO-8601 time with a zone');
    return ms;
  }

  object(key: string): Fields {
    return Fields.of(this.get(key), this.at(key));
  }

  list(key: string): unknown[] {
    return Fields.list(this.get(key), this.at(key));
  }

  optionalList(key: string): unknown[] {
    return this.has(key) ? this.list(key) : [];
  }

  textList(key: string): string[] {
    return this.list(key).map((item, i) => {
      if (typeof item !== 'string') throw new ProtocolError(`${this.at(key)}[${i}]`, item, 'a string');
      return item;
    });
  }

  at(key: string): string {
    return `${this.path}.${key}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The amount `value` holds, or undefined when it is not a finite decimal >= 0 (-0 included). */
function amountOf(value: unknown): Dec | undefined {
  if (typeof value === 'number') return value >= 0 && !Object.is(value, -0) && Number.isFinite(value) ? decimalOfNumber(value) : undefined;
  if (value instanceof DECIMAL_CLASS) return value.s > 0 && inDoubleRange(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL.test(value) && value.charCodeAt(0) !== 45) {
    const decimal = new Dec(value);
    return inDoubleRange(decimal) ? decimal : undefined;
  }
  return undefined;
}

/**
 * Finite, and no larger or finer than a double holds (1e308 to 1e-324): `1e9000000000000` is a
 * valid literal whose fixed-point text would not fit in memory. JSON.parse refused such magnitudes
 * as Infinity; a value no venue sends is refused rather than kept.
 */
function inDoubleRange(value: Dec): boolean {
  // Infinity and NaN have e = NaN; zero has e = 0.
  return value.e <= 308 && value.e >= -324;
}

/** A number from parseExactJson is a safe integer; any other (a caller's own value) takes the constructor. */
function decimalOfNumber(value: number): Dec {
  return Number.isSafeInteger(value) ? decimalOfInteger(value) : new Dec(value);
}
