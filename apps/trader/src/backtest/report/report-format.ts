/**
 * How the report renderers print values. Locale-free on purpose (no toLocaleString, no Intl): the
 * same report must render to the same bytes on every machine.
 */

/** Missing statistics print as a dash in every renderer. */
export const NO_VALUE = '-';

export function formatPct(value: number | null): string {
  return value === null ? NO_VALUE : `${value.toFixed(2)}%`;
}

/** A ratio such as Sharpe or the profit factor; Infinity (no loss) prints "inf". */
export function formatRatio(value: number | null): string {
  if (value === null) return NO_VALUE;
  if (value === Infinity) return 'inf';
  return value.toFixed(2);
}

/** A decimal string with thousands separators, its fraction kept exactly: "-1234567.0005" -> "-1,234,567.0005". */
export function formatDecimal(value: string | null): string {
  if (value === null) return NO_VALUE;
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (match === null) return value;
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** A UTC time to the second: "2025-11-01 00:00:00". */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** A duration in its two largest units: "2d 3h", "5h 20m", "4m 10s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_VALUE;
  const seconds = Math.round(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m ${seconds % 60}s`;
}

/** Data written into a terminal: control characters (escape sequences) become "?". */
export function printable(text: string): string {
  return Array.from(text, (char) => (isControl(char) ? '?' : char)).join('');
}

/** C0 controls, DEL and C1 controls: what a terminal may act on instead of printing. */
export function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
