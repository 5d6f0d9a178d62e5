import { ProtocolError } from '@trader/application';
import { decimalOfLiteral, decimalOfPointed } from './decimal-literal';
import { MemberKeys } from './member-keys';
import { ObjectMembers } from './object-members';

/** JSON that breaks the grammar at `position`; turned into a ProtocolError by parseExactJson. */
class JsonSyntaxError extends Error {
  constructor(readonly position: number) {
    super(`unexpected input at ${position}`);
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Digits of Number.MAX_SAFE_INTEGER: a longer integer literal cannot be a safe integer. */
const MAX_SAFE_DIGITS = 16;
/** Integer parts below 10^14 take the one-pass path for fractions (two words above the point). */
const MAX_POINTED_INT_DIGITS = 14;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function hexValue(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const KEY_CACHE_SIZE = 1024;
const KEY_CACHE: Array<string | undefined> = new Array<string | undefined>(KEY_CACHE_SIZE).fill(undefined);

const ESCAPES: Readonly<Record<number, string>> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

/**
 * One pass over a JSON text that accepts exactly what `JSON.parse` accepts and yields the same tree,
 * except for numbers: an integer literal a double holds exactly (a safe integer) becomes a JS number,
 * every other literal an exact `Dec` built from its digits. No number is ever rounded
 * through a double, and no second pass or regex runs over the frame.
 */
class ExactJsonScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value();
    this.end();
    return value;
  }

  /** A document that must be an object: its members named in `keys` by slot, the others validated and dropped. */
  members(keys: MemberKeys): ObjectMembers | { readonly notAnObject: unknown } {
    if (this.next() !== 123) return { notAnObject: this.document() };
    const members = this.objectMembers(keys);
    this.end();
    return members;
  }

  private objectMembers(keys: MemberKeys): ObjectMembers {
    const slots = new Array<unknown>(keys.size);
    this.pos += 1;
    let c = this.next();
    if (c === 125) {
      this.pos += 1;
      return new ObjectMembers(keys, slots);
    }
    for (;;) {
      if (c !== QUOTE) throw new JsonSyntaxError(this.pos);
      const key = this.key();
      if (this.next() !== 58) throw new JsonSyntaxError(this.pos);
      this.pos += 1;
      const slot = keys.slotOf(key);
      if (slot < 0) {
        this.value();
      } else {
        const elements = keys.elementsOf(slot);
        slots[slot] = elements === undefined ? this.value() : this.listOfMembers(elements);
      }
      c = this.next();
      this.pos += 1;
      if (c === 125) return new ObjectMembers(keys, slots);
      if (c !== 44) throw new JsonSyntaxError(this.pos - 1);
      c = this.next();
    }
  }

  /** A list whose object elements are read as members; anything else as parseExactJson reads it. */
  private listOfMembers(keys: MemberKeys): unknown {
    if (this.next() !== 91) return this.value();
    const list: unknown[] = [];
    this.pos += 1;
    if (this.next() === 93) {
      this.pos += 1;
      return list;
    }
    for (;;) {
      list.push(this.next() === 123 ? this.objectMembers(keys) : this.value());
      const c = this.next();
      this.pos += 1;
      if (c === 93) return list;
      if (c !== 44) throw new JsonSyntaxError(this.pos - 1);
    }
  }

  private end(): void {
    this.next();
    if (this.pos !== this.text.length) throw new JsonSyntaxError(this.pos);
  }

  /** The next character that is not a blank; blanks are skipped only where there are any. */
  private next(): number {
    const c = this.text.charCodeAt(this.pos);
    return c > 32 ? c : this.skipBlanks();
  }

  private skipBlanks(): number {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        this.pos = pos;
        return c;
      }
      pos += 1;
    }
  }

  private value(): unknown {
    const c = this.next();
    if (c === QUOTE) return this.string();
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === MINUS || isDigit(c)) return this.number();
    if (this.word('true')) return true;
    if (this.word('false')) return false;
    if (this.word('null')) return null;
    throw new JsonSyntaxError(this.pos);
  }

  private word(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }

  private object(): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    this.pos += 1;
    let c = this.next();
    if (c === 125) {
      this.pos += 1;
      return record;
    }
    for (;;) {
      if (c !== QUOTE) throw new JsonSyntaxError(this.pos);
      const key = this.key();
      if (this.next() !== 58) throw new JsonSyntaxError(this.pos);
      this.pos += 1;
      const value = this.value();
      // JSON.parse makes "__proto__" an own property; assigning it would replace the prototype.
      if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
      else record[key] = value;
      c = this.next();
      this.pos += 1;
      if (c === 125) return record;
      if (c !== 44) throw new JsonSyntaxError(this.pos - 1);
      c = this.next();
    }
  }

  private array(): unknown[] {
    const list: unknown[] = [];
    this.pos += 1;
    if (this.next() === 93) {
      this.pos += 1;
      return list;
    }
    for (;;) {
      list.push(this.value());
      const c = this.next();
      this.pos += 1;
      if (c === 93) return list;
      if (c !== 44) throw new JsonSyntaxError(this.pos - 1);
    }
  }

  /**
   * An object key. Frames repeat the same few dozen keys, so each is kept once: the same string
   * object carries its hash from frame to frame, for V8's property lookup and for MemberKeys' map.
   */
  private key(): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    let hash = 0;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      if (c === BACKSLASH || !(c >= 32)) return this.string();
      hash = (hash * 31 + c) | 0;
      pos += 1;
    }
    const slot = hash & (KEY_CACHE_SIZE - 1);
    const cached = KEY_CACHE[slot];
    this.pos = pos + 1;
    if (cached !== undefined && cached.length === pos - start && text.startsWith(cached, start)) return cached;
    const key = text.slice(start, pos);
    KEY_CACHE[slot] = key;
    return key;
  }

  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === BACKSLASH) break;
      // Control characters must be escaped; NaN means the text ended inside the string.
      if (!(c >= 32)) throw new JsonSyntaxError(pos);
      pos += 1;
    }
    return this.escapedString(start, pos);
  }

  private escapedString(start: number, firstEscape: number): string {
    const text = this.text;
    let out = text.slice(start, firstEscape);
    let pos = firstEscape;
    let runStart = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return out + text.slice(runStart, pos);
      }
      if (c === BACKSLASH) {
        out += text.slice(runStart, pos);
        const e = text.charCodeAt(pos + 1);
        if (e === 117) {
          let code = 0;
          for (let i = 2; i < 6; i += 1) {
            const h = hexValue(text.charCodeAt(pos + i));
            if (h < 0) throw new JsonSyntaxError(pos + i);
            code = code * 16 + h;
          }
          out += String.fromCharCode(code);
          pos += 6;
        } else {
          const escaped = ESCAPES[e];
          if (escaped === undefined) throw new JsonSyntaxError(pos + 1);
          out += escaped;
          pos += 2;
        }
        runStart = pos;
        continue;
      }
      if (!(c >= 32)) throw new JsonSyntaxError(pos);
      pos += 1;
    }
  }

  private number(): unknown {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let c = text.charCodeAt(pos);
    if (c === MINUS) {
      pos += 1;
      c = text.charCodeAt(pos);
    }
    const digitsStart = pos;
    // The integer part's value, exact while it stays a safe integer (see below).
    let int = 0;
    if (c === ZERO) {
      pos += 1;
      c = text.charCodeAt(pos);
    } else if (c > ZERO && c <= NINE) {
      do {
        int = int * 10 + (c - ZERO);
        pos += 1;
        c = text.charCodeAt(pos);
      } while (c >= ZERO && c <= NINE);
    } else {
      throw new JsonSyntaxError(pos);
    }
    const intDigits = pos - digitsStart;
    let dot = -1;
    // The fraction read as 7-digit groups from the point, as decimal.js keeps its words.
    let groups = 0;
    let first = 0;
    let second = 0;
    if (c === DOT) {
      dot = pos;
      pos += 1;
      c = text.charCodeAt(pos);
      if (!(c >= ZERO && c <= NINE)) throw new JsonSyntaxError(pos);
      let word = 0;
      let used = 0;
      do {
        word = word * 10 + (c - ZERO);
        used += 1;
        if (used === 7) {
          if (groups === 0) first = word;
          else if (groups === 1) second = word;
          groups += 1;
          word = 0;
          used = 0;
        }
        pos += 1;
        c = text.charCodeAt(pos);
      } while (c >= ZERO && c <= NINE);
      if (used > 0) {
        word *= POW10[7 - used];
        if (groups === 0) first = word;
        else if (groups === 1) second = word;
        groups += 1;
      }
    }
    const digitsEnd = pos;
    const sign = digitsStart === start ? 1 : -1;
    if (c === 101 || c === 69) {
      this.pos = this.exponent(pos + 1);
      return decimalOfLiteral(text, start, this.pos, digitsStart, dot, digitsEnd, this.exponentValue);
    }
    this.pos = pos;
    // Up to 16 digits the sum is exact while the value is safe; past 2^53 it rounds to 2^53 or more.
    if (dot < 0 && intDigits <= MAX_SAFE_DIGITS && int <= Number.MAX_SAFE_INTEGER) return sign * int;
    if (dot >= 0 && intDigits <= MAX_POINTED_INT_DIGITS && groups <= 2) return decimalOfPointed(sign, int, first, second);
    return decimalOfLiteral(text, start, pos, digitsStart, dot, digitsEnd, 0);
  }

  private exponentValue = 0;

  /** Reads an exponent's sign and digits from `pos`; leaves its value in exponentValue, returns its end. */
  private exponent(from: number): number {
    const text = this.text;
    let pos = from;
    const sign = text.charCodeAt(pos);
    if (sign === 43 || sign === MINUS) pos += 1;
    let c = text.charCodeAt(pos);
    if (!(c >= ZERO && c <= NINE)) throw new JsonSyntaxError(pos);
    let value = 0;
    do {
      value = value * 10 + (c - ZERO);
      pos += 1;
      c = text.charCodeAt(pos);
    } while (c >= ZERO && c <= NINE);
    this.exponentValue = sign === MINUS ? -value : value;
    return pos;
  }
}

/**
 * Parses JSON so that no number loses a digit. Upbit sends quotation values as JSON numbers
 * (`"atp24h": 123456789012.12345678`), which `JSON.parse` would round to a double. Here a safe
 * integer literal comes out as a JS number and any other number as an exact `Dec`; strings, arrays,
 * objects, booleans and null as `JSON.parse` gives them. Field readers (`Fields`) accept all forms.
 */
export function parseExactJson(text: string, what: string): unknown {
  try {
    return new ExactJsonScanner(text).document();
  } catch (error) {
    // A RangeError is nesting deeper than the stack: not a frame Upbit sends, refused the same way.
    if (error instanceof JsonSyntaxError || error instanceof RangeError) throw new ProtocolError(what, text, 'a JSON document');
    throw error;
  }
}

/**
 * Parses a JSON object, keeping only the members named in `keys`: a WebSocket frame's record is
 * read once by one decoder, so building it (33 members for a ticker, which V8 stores as a slow
 * dictionary when they are added one by one) costs more than the decoding. The other members are
 * still parsed, so the text is refused exactly when JSON.parse would refuse it.
 */
export function parseExactMembers(text: string, what: string, keys: MemberKeys): ObjectMembers {
  let members: ObjectMembers | { readonly notAnObject: unknown };
  try {
    members = new ExactJsonScanner(text).members(keys);
  } catch (error) {
    if (error instanceof JsonSyntaxError || error instanceof RangeError) throw new ProtocolError(what, text, 'a JSON document');
    throw error;
  }
  if (!(members instanceof ObjectMembers)) throw new ProtocolError(what, members.notAnObject, 'an object');
  return members;
}
