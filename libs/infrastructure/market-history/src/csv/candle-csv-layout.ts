import { TIMEFRAME_MS } from '@trader/application';
import type { StoredCandle } from '@trader/application';
import { MarketCode, parseDecimal, TIMEFRAMES } from '@trader/domain';
import type { Dec, Timeframe } from '@trader/domain';

/** The one header line a candle CSV starts with (docs/backtesting.md, "CSV layout"). */
export const CANDLE_CSV_HEADER = 'market,timeframe,start_utc,open,high,low,close,volume,value';
export const CANDLE_CSV_FIELDS = CANDLE_CSV_HEADER.split(',');

/** A field that failed its check, and why. */
export class CsvFieldError {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly reason: string,
  ) {}
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]00:?00)$/;
const EPOCH_MS = /^\d{1,15}$/;
const KNOWN_TIMEFRAMES: ReadonlySet<string> = new Set(TIMEFRAMES);
const PRICE_FIELDS: ReadonlySet<string> = new Set(['open', 'high', 'low', 'close']);

/**
 * Parses one data line of the layout: plain comma-separated fields (no quoting; no field holds a
 * comma), the start as ISO-8601 in UTC (`2026-01-05T09:00:00Z`) or epoch ms, decimals as plain text
 * (`12.5`, no exponent, no sign), kept exactly as written. Returns the candle or the first bad field.
 */
export function parseCandleCsvLine(line: string): StoredCandle | CsvFieldError {
  const fields = line.split(',');
  if (fields.length !== CANDLE_CSV_FIELDS.length) return new CsvFieldError('(line)', line, `expected ${CANDLE_CSV_FIELDS.length} comma-separated fields, found ${fields.length}`);
  const [market, timeframe, startText, open, high, low, close, volume, value] = fields.map((f) => f.trim()) as [string, string, string, string, string, string, string, string, string];
  try {
    MarketCode.parse(market);
  } catch (error) {
    return new CsvFieldError('market', market, error instanceof Error ? error.message : 'expected a market code such as KRW-BTC');
  }
  if (!KNOWN_TIMEFRAMES.has(timeframe)) return new CsvFieldError('timeframe', timeframe, `expected one of ${TIMEFRAMES.join(', ')}`);
  const start = parseStart(startText);
  if (start instanceof CsvFieldError) return start;
  const length = TIMEFRAME_MS[timeframe as Timeframe];
  if (start % length !== 0) return new CsvFieldError('start_utc', startText, `a ${timeframe} candle starts on a multiple of ${length / 60_000} minute(s) from 00:00 UTC`);
  const decimals = new Map<string, Dec>();
  for (const [field, text] of [['open', open], ['high', high], ['low', low], ['close', close], ['volume', volume], ['value', value]] as const) {
    const parsed = parseDecimal(text);
    if (parsed === null || parsed.isNegative()) return new CsvFieldError(field, text, 'expected a non-negative decimal such as 12.5 (no exponent, sign or thousands separator)');
    if (PRICE_FIELDS.has(field) && parsed.isZero()) return new CsvFieldError(field, text, 'a price is above zero');
    decimals.set(field, parsed);
  }
  const price = (field: string): Dec => decimals.get(field) as Dec;
  if (price('low').gt(price('high'))) return new CsvFieldError('low', low, `is above high (${high})`);
  for (const [field, text] of [['open', open], ['close', close]] as const) {
    if (price(field).gt(price('high')) || price(field).lt(price('low'))) return new CsvFieldError(field, text, `is outside low..high (${low}..${high})`);
  }
  return { market, timeframe: timeframe as Timeframe, start, open, high, low, close, volume, value };
}

function parseStart(text: string): number | CsvFieldError {
  if (EPOCH_MS.test(text)) return Number(text);
  const match = ISO_UTC.exec(text);
  if (!match) return new CsvFieldError('start_utc', text, 'expected ISO-8601 in UTC (2026-01-05T09:00:00Z) or epoch milliseconds');
  const [, y, mo, d, h, mi, s, ms] = match;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number((ms ?? '0').padEnd(3, '0'))] as const;
  const time = Date.UTC(...parts);
  const back = new Date(time);
  // Date.UTC rolls 2026-02-30 over into March: a date that does not exist is refused, not moved.
  const same = [back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate(), back.getUTCHours(), back.getUTCMinutes(), back.getUTCSeconds()].every((v, i) => v === parts[i]);
  if (!same) return new CsvFieldError('start_utc', text, 'no such date or time');
  return time;
}
