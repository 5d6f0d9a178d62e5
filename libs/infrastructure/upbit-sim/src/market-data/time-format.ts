const KST_OFFSET_MS = 9 * 3600 * 1000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYY-MM-DDTHH:mm:ss` in UTC (candle_date_time_utc). */
export function utcDateTime(ms: number): string {
  return iso(ms).slice(0, 19);
}

/** `YYYY-MM-DDTHH:mm:ss` in KST (candle_date_time_kst). */
export function kstDateTime(ms: number): string {
  return iso(ms + KST_OFFSET_MS).slice(0, 19);
}

/** `YYYY-MM-DDTHH:mm:ss+09:00`: how Upbit writes created_at in the Exchange API. */
export function kstTimestamp(ms: number): string {
  return `${kstDateTime(ms)}+09:00`;
}

/** `yyyy-MM-dd` (UTC). */
export function utcDate(ms: number): string {
  return iso(ms).slice(0, 10);
}

/** `HH:mm:ss` (UTC). */
export function utcTime(ms: number): string {
  return iso(ms).slice(11, 19);
}

/** `yyyyMMdd` (UTC), or KST with `kst`. */
export function compactDate(ms: number, kst = false): string {
  return utcDate(kst ? ms + KST_OFFSET_MS : ms).replace(/-/g, '');
}

/** `HHmmss` (UTC), or KST with `kst`. */
export function compactTime(ms: number, kst = false): string {
  return utcTime(kst ? ms + KST_OFFSET_MS : ms).replace(/:/g, '');
}

export function utcDayStart(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}
