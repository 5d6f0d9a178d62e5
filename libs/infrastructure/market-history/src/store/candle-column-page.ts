import type { CandleColumns, CandlePriceTexts } from '@trader/application';
import { CorruptCandleColumnsError } from './market-history.errors';

/**
 * Candles per column page: a page covers `COLUMN_PAGE_CANDLES` intervals of its timeframe (about 2.8 days
 * of one-minute candles, 192 KiB), so a year of them is about 130 rows to read instead of 525,600.
 */
export const COLUMN_PAGE_CANDLES = 4_096;

/** The candle fields a column page holds, in the order of its blob. */
const FIELDS = ['start', 'open', 'high', 'low', 'close', 'volume'] as const;
const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/** A candle row as read for a page: start, then the decimal texts of open, high, low, close, volume. */
export type CandleTextRow = [start: number, open: string, high: string, low: string, close: string, volume: string];

export interface EncodedColumnPage {
  readonly count: number;
  /** 1 when every price prints back as its stored text (`String(Number(text)) === text`). */
  readonly exact: 0 | 1;
  readonly data: Buffer;
}

/**
 * Builds the columns of rows sorted by start. `exact` is decided by the shortest round trip: when
 * `String(Number(text)) === text`, the number carries the decimal exactly (JavaScript prints the
 * shortest text that reads back as the same number, and that text is the stored one), so the exact
 * price can be printed from the number; Upbit's prices are short decimals and pass. Any price that
 * does not (a trailing zero, an exponent, more digits than a double holds) makes the page keep its texts.
 */
export function buildColumns(rows: readonly CandleTextRow[]): CandleColumns {
  const count = rows.length;
  const values = new Float64Array(FIELDS.length * count);
  let exact = true;
  for (let i = 0; i < count; i++) {
    const row = rows[i] as CandleTextRow;
    values[i] = row[0];
    for (let f = 1; f < FIELDS.length; f++) {
      const text = row[f] as string;
      const value = Number(text);
      values[f * count + i] = value;
      if (f <= PRICE_FIELDS.length && exact && String(value) !== text) exact = false;
    }
  }
  return view(values, count, exact ? null : textsOf(rows));
}

/**
 * The columns of `page` (a stored exact page, or null when it holds nothing yet) after `written` rows
 * were saved over it (a row replaces the one with its start, the last of equal starts wins, as the
 * `candles` upsert does). Null when the result would not be exact: the caller rebuilds it from the rows.
 */
export function mergeColumns(page: CandleColumns | null, written: readonly CandleTextRow[]): CandleColumns | null {
  const latest = new Map<number, CandleTextRow>();
  for (const row of written) latest.set(row[0], row);
  const fresh = buildColumns([...latest.values()].sort((a, b) => a[0] - b[0]));
  if (fresh.texts !== null || (page !== null && page.texts !== null)) return null;
  if (page === null || page.count === 0) return fresh;
  const starts: number[] = [];
  const from: Array<[CandleColumns, number]> = [];
  let i = 0;
  let j = 0;
  while (i < page.count || j < fresh.count) {
    const old = i < page.count ? (page.start[i] as number) : Infinity;
    const added = j < fresh.count ? (fresh.start[j] as number) : Infinity;
    if (added <= old) {
      starts.push(added);
      from.push([fresh, j]);
      j += 1;
      if (added === old) i += 1;
    } else {
      starts.push(old);
      from.push([page, i]);
      i += 1;
    }
  }
  const count = starts.length;
  const values = new Float64Array(FIELDS.length * count);
  for (let k = 0; k < count; k++) {
    const [source, row] = from[k] as [CandleColumns, number];
    for (let f = 0; f < FIELDS.length; f++) values[f * count + k] = source[FIELDS[f] as (typeof FIELDS)[number]][row] as number;
  }
  return view(values, count, null);
}

/** The blob of columns laid out as `buildColumns`, `mergeColumns` and `decodeColumns` give them (one array, field after field). */
export function encodeColumns(columns: CandleColumns): EncodedColumnPage {
  const values = columns.start;
  return {
    count: columns.count,
    exact: columns.texts === null ? 1 : 0,
    data: Buffer.from(values.buffer, values.byteOffset, FIELDS.length * columns.count * Float64Array.BYTES_PER_ELEMENT),
  };
}

/** The columns of a stored page; `texts` are the page's rows when it is not exact. */
export function decodeColumns(key: string, count: number, data: Buffer, texts: readonly CandleTextRow[] | null): CandleColumns {
  const bytes = FIELDS.length * count * Float64Array.BYTES_PER_ELEMENT;
  if (data.byteLength !== bytes || (texts !== null && texts.length !== count)) throw new CorruptCandleColumnsError(key, `expected ${count} candles (${bytes} bytes), found ${data.byteLength} bytes and ${texts?.length ?? 0} rows`);
  // A Float64Array needs an 8-byte aligned offset; a blob's buffer usually starts aligned, else it is copied.
  const values = data.byteOffset % Float64Array.BYTES_PER_ELEMENT === 0 ? new Float64Array(data.buffer, data.byteOffset, FIELDS.length * count) : new Float64Array(new Uint8Array(data).buffer);
  return view(values, count, texts === null ? null : textsOf(texts));
}

/** The rows `from <= start < to` of `columns` (views, no copy); null when none are. */
export function sliceColumns(columns: CandleColumns, from: number, to: number): CandleColumns | null {
  const { start } = columns;
  let first = 0;
  while (first < columns.count && (start[first] as number) < from) first += 1;
  let end = first;
  while (end < columns.count && (start[end] as number) < to) end += 1;
  if (end === first) return null;
  if (first === 0 && end === columns.count) return columns;
  const part = <T extends Float64Array | readonly string[]>(values: T): T => (values instanceof Float64Array ? values.subarray(first, end) : values.slice(first, end)) as T;
  const { texts } = columns;
  return {
    count: end - first,
    start: part(columns.start),
    open: part(columns.open),
    high: part(columns.high),
    low: part(columns.low),
    close: part(columns.close),
    volume: part(columns.volume),
    texts: texts === null ? null : { open: part(texts.open), high: part(texts.high), low: part(texts.low), close: part(texts.close) },
  };
}

function view(values: Float64Array, count: number, texts: CandlePriceTexts | null): CandleColumns {
  const column = (f: number): Float64Array => values.subarray(f * count, (f + 1) * count);
  return { count, start: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5), texts };
}

function textsOf(rows: readonly CandleTextRow[]): CandlePriceTexts {
  return { open: rows.map((r) => r[1]), high: rows.map((r) => r[2]), low: rows.map((r) => r[3]), close: rows.map((r) => r[4]) };
}
