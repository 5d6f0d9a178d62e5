import { BadRequestException } from '@nestjs/common';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A UTC day as `YYYY-MM-DD` that is on the calendar (not 2026-02-30). */
function isUtcDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const at = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === text;
}

/**
 * The PnL range of a REST or GraphQL read: both ends days on the calendar, `to` not before `from`.
 * A range that cannot hold a day would answer an empty list, which reads as "no fills"; it is a 400
 * naming the field instead.
 */
export function refuseBadPnlRange(from: string, to: string): void {
  const errors: { field: string; message: string }[] = [];
  if (!isUtcDay(from)) errors.push({ field: 'from', message: `from must be a UTC date such as 2026-11-01, got ${JSON.stringify(from)}` });
  if (!isUtcDay(to)) errors.push({ field: 'to', message: `to must be a UTC date such as 2026-11-30, got ${JSON.stringify(to)}` });
  if (errors.length === 0 && to < from) errors.push({ field: 'to', message: `to ${to} is before from ${from}` });
  if (errors.length === 0) return;
  throw new BadRequestException({ message: errors.map((error) => `${error.field}: ${error.message}`), errors });
}
