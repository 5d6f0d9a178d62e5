import { Dec } from '@trader/domain';

/**
 * decimal.js documents a value as three read-only instance properties: sign `s`, exponent `e` (of the
 * most significant decimal digit) and digits `d` in base 1e7, the first word holding the digits down
 * to a power of 1e7, trailing zero words dropped. Building that from the literal's characters skips
 * the constructor's regex, slices and string concatenation, which cost most of a frame's decoding.
 * The property test in decimal-literal.spec.ts holds every result equal to `new Dec(text)`.
 */
interface DecimalParts {
  constructor: typeof Dec;
  s: number;
  e: number;
  d: number[];
}

const LOG_BASE = 7;
const BASE = 1e7;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];
// Held here once: the imported binding is read through a module getter on every use.
const DECIMAL = Dec;
const PROTOTYPE = DECIMAL.prototype as object;
const ZERO = 48;

function make(s: number, e: number, d: number[]): Dec {
  // Same own properties, in the same order, as the constructor sets them: equal values compare equal.
  const x = Object.create(PROTOTYPE) as DecimalParts;
  x.constructor = DECIMAL;
  x.s = s;
  x.e = e;
  x.d = d;
  return x as unknown as Dec;
}

function wordDigits(word: number): number {
  let count = 1;
  while (count < LOG_BASE && word >= POW10[count]) count += 1;
  return count;
}

/** The exact decimal of a safe integer; -0 keeps its sign, as in decimal.js. */
export function decimalOfInteger(n: number): Dec {
  if (n > 0 && n < BASE) return make(1, wordDigits(n) - 1, [n]);
  const s = n < 0 || Object.is(n, -0) ? -1 : 1;
  let rest = s < 0 ? -n : n;
  if (rest < BASE * BASE) return decimalOfPointed(s, rest, 0, 0);
  // Words of 7 digits from the units up; zero words below the last significant one are dropped.
  const low: number[] = [];
  while (rest >= BASE) {
    const word = rest % BASE;
    low.push(word);
    rest = (rest - word) / BASE;
  }
  let e = LOG_BASE * low.length;
  while (e % LOG_BASE < LOG_BASE - 1 && rest >= POW10[(e % LOG_BASE) + 1]) e += 1;
  let end = 0;
  while (low[end] === 0) end += 1;
  const d = [rest];
  for (let i = low.length - 1; i >= end; i -= 1) d.push(low[i]);
  return make(s, e, d);
}

/**
 * The exact decimal of a plain literal `int.fraction` read in one pass: `int` below 10^14, the
 * fraction's digits as one or two 7-digit groups counted from the point (`second` -1 when the fraction
 * has at most 7 digits), the last group padded with zeros. decimal.js aligns its words to the point,
 * so these groups are its words as they are; only zero words at either end are dropped.
 */
export function decimalOfPointed(s: number, int: number, first: number, second: number): Dec {
  const tail = second > 0 ? 2 : first > 0 ? 1 : 0;
  if (int >= BASE) {
    const high = Math.floor(int / BASE);
    const low = int - high * BASE;
    const e = LOG_BASE + wordDigits(high) - 1;
    if (tail === 2) return make(s, e, [high, low, first, second]);
    if (tail === 1) return make(s, e, [high, low, first]);
    return make(s, e, low === 0 ? [high] : [high, low]);
  }
  if (int > 0) {
    const e = wordDigits(int) - 1;
    if (tail === 2) return make(s, e, [int, first, second]);
    if (tail === 1) return make(s, e, [int, first]);
    return make(s, e, [int]);
  }
  if (first > 0) return make(s, wordDigits(first) - LOG_BASE - 1, second > 0 ? [first, second] : [first]);
  if (second > 0) return make(s, wordDigits(second) - 2 * LOG_BASE - 1, [second]);
  return make(s, 0, [0]);
}

/**
 * The exact decimal of a number literal already checked against JSON's grammar: its digits lie in
 * `text` from `digitsStart` to `digitsEnd`, with the decimal point (if any) at `dot` (-1 for none),
 * followed by an exponent of value `exponent`. Exponents beyond what decimal.js holds take its own
 * constructor, which turns them into Infinity or zero exactly as `new Dec(literal)` would.
 */
export function decimalOfLiteral(text: string, start: number, end: number, digitsStart: number, dot: number, digitsEnd: number, exponent: number): Dec {
  const s = text.charCodeAt(start) === 45 ? -1 : 1;
  let first = digitsStart;
  while (first < digitsEnd && (text.charCodeAt(first) === ZERO || first === dot)) first += 1;
  if (first === digitsEnd) return make(s, 0, [0]);
  let last = digitsEnd - 1;
  while (text.charCodeAt(last) === ZERO || last === dot) last -= 1;
  const point = dot < 0 ? digitsEnd : dot;
  // decimal.js's e: the power of ten of the most significant digit.
  const e = (first < point ? point - first - 1 : point - first) + exponent;
  if (!Number.isSafeInteger(e) || e > Dec.maxE || e < Dec.minE) return new Dec(text.slice(start, end));
  const length = last - first + 1 - (first < dot && dot < last ? 1 : 0);

  // Words end where the power of ten crosses a multiple of 7: the first word holds (e + 1) mod 7
  // digits (7 when that is 0 below the point), the last one is padded with zeros to 7.
  let leading = (e + 1) % LOG_BASE;
  if (e < 0) leading += LOG_BASE;
  let slot = leading === 0 ? 0 : LOG_BASE - leading;
  const d = new Array<number>(Math.ceil((slot + length) / LOG_BASE));
  let index = 0;
  let word = 0;
  for (let pos = first; pos <= last; pos += 1) {
    if (pos === dot) continue;
    word = word * 10 + (text.charCodeAt(pos) - ZERO);
    slot += 1;
    if (slot === LOG_BASE) {
      d[index] = word;
      index += 1;
      word = 0;
      slot = 0;
    }
  }
  if (slot > 0) d[index] = word * POW10[LOG_BASE - slot];
  return make(s, e, d);
}
