/** `HH:MM` on a 24-hour clock, e.g. `09:00`. */
export interface LocalTimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts['year'] ?? 0, month: parts['month'] ?? 0, day: parts['day'] ?? 0, hour: parts['hour'] ?? 0, minute: parts['minute'] ?? 0, second: parts['second'] ?? 0 };
}

/** How far the zone's wall clock is ahead of UTC at `epochMs` (ms; whole seconds). */
function zoneOffset(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant the zone's wall clock shows `time` on the given local date. Across a DST change the
 * offset is taken at the result, so 09:00 stays 09:00 local on both sides; a time that a
 * spring-forward gap skips comes out an hour later on the wall clock (what a calendar does).
 */
function instantOf(year: number, month: number, day: number, time: LocalTimeOfDay, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, time.hour, time.minute);
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  for (const candidate of [second, first]) {
    const local = localParts(candidate, timeZone);
    if (local.hour === time.hour && local.minute === time.minute) return candidate;
  }
  return Math.max(first, second);
}

/** The zone's calendar date at `epochMs`, as `YYYY-MM-DD`. */
export function localDate(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The first instant after `nowMs` at which the wall clock of `timeZone` shows `time`. */
export function nextDailySummaryAt(nowMs: number, time: LocalTimeOfDay, timeZone: string): number {
  const today = localParts(nowMs, timeZone);
  for (let offsetDays = 0; offsetDays < 3; offsetDays += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offsetDays));
    const candidate = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), time, timeZone);
    if (candidate > nowMs) return candidate;
  }
  throw new RangeError(`no ${time.hour}:${time.minute} in ${timeZone} within three days of ${nowMs}`);
}

/** Parses `HH:MM` (00:00 to 23:59); null when it is not one. */
export function parseLocalTimeOfDay(text: string): LocalTimeOfDay | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Whether the runtime knows the IANA zone (`Asia/Seoul`, `Europe/Berlin`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
