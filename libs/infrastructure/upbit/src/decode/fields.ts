import { ProtocolError } from '@trader/application';
import { Dec } from '@trader/domain';

const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * Reads one JSON object from the wire into typed values. Every reader throws a `ProtocolError`
 * naming the field (`orders[2].price`) when the value is missing, malformed, NaN or negative where
 * a quantity must not be: nothing from the wire becomes a silent NaN.
 */
export class Fields {
  private constructor(
    private readonly record: Readonly<Record<string, unknown>>,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProtocolError(path, value, 'an object');
    return new Fields(value as Record<string, unknown>, path);
  }

  static list(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) throw new ProtocolError(path, value, 'an array');
    return value;
  }

  /** An array element that is itself an amount. */
  static amount(value: unknown, path: string): Dec {
    return Fields.of({ value }, path).amountOf('value', path);
  }

  has(key: string): boolean {
    const value = this.record[key];
    return value !== undefined && value !== null;
  }

  raw(key: string): unknown {
    return this.record[key];
  }

  /** A quantity, price or fee: an exact decimal >= 0. */
  amount(key: string): Dec {
    return this.amountOf(key, this.at(key));
  }

  private amountOf(key: string, path: string): Dec {
    const value = this.record[key];
    // Numbers reach here only when parseExactJson proved they hold their literal exactly.
    if (typeof value === 'number' ? !(Number.isFinite(value) && value >= 0 && !Object.is(value, -0)) : typeof value !== 'string' || !DECIMAL.test(value) || value.charCodeAt(0) === 45) {
      throw new ProtocolError(path, value, 'a non-negative decimal');
    }
    return new Dec(value as string | number);
  }

  optionalAmount(key: string): Dec | undefined {
    return this.has(key) ? this.amount(key) : undefined;
  }

  /** A signed decimal (changes, rates). */
  decimal(key: string): Dec {
    const value = this.record[key];
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || !DECIMAL.test(value)) {
      throw new ProtocolError(this.at(key), value, 'a decimal number');
    }
    return new Dec(value as string | number);
  }

  optionalDecimal(key: string): Dec | undefined {
    return this.has(key) ? this.decimal(key) : undefined;
  }

  /** A non-negative integer that fits a JS number exactly (timestamps, counts, sequence ids). */
  integer(key: string): number {
    const value = this.record[key];
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || value < 0) throw new ProtocolError(this.at(key), value, 'a non-negative integer below 2^53');
      return value;
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
    const value = this.record[key];
    if (typeof value !== 'string' || value.length === 0) throw new ProtocolError(this.at(key), value, 'a non-empty string');
    return value;
  }

  optionalText(key: string): string | undefined {
    return this.has(key) ? this.text(key) : undefined;
  }

  bool(key: string): boolean {
    const value = this.record[key];
    if (typeof value !== 'boolean') throw new ProtocolError(this.at(key), value, 'true or false');
    return value;
  }

  optionalBool(key: string): boolean | undefined {
    return this.has(key) ? this.bool(key) : undefined;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.record[key];
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
    return Fields.of(this.record[key], this.at(key));
  }

  list(key: string): unknown[] {
    return Fields.list(this.record[key], this.at(key));
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
