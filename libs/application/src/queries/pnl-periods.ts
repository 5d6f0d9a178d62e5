import { Dec } from '@trader/domain';
import type { PnlPeriod } from './get-pnl.query';
import { DailyPnl } from './read-models.port';

export interface PnlRow {
  /** `2026-11-23`, `2026-W48` or `2026-11`. */
  readonly period: string;
  readonly realizedPnl: string;
  readonly fees: string;
  /** Realised PnL net of fees. */
  readonly netPnl: string;
  readonly fills: number;
}

/** Sums daily rows into days, ISO weeks or months, in the order the days come; amounts stay exact. */
export function aggregatePnl(days: readonly DailyPnl[], period: PnlPeriod): PnlRow[] {
  const rows = new Map<string, { realized: Dec; fees: Dec; fills: number }>();
  for (const day of days) {
    const key = period === 'day' ? day.day : period === 'month' ? day.day.slice(0, 7) : isoWeek(day.day);
    const row = rows.get(key) ?? { realized: new Dec(0), fees: new Dec(0), fills: 0 };
    rows.set(key, { realized: row.realized.plus(day.realizedPnl), fees: row.fees.plus(day.fees), fills: row.fills + day.fills });
  }
  return [...rows].map(([key, row]) => ({
    period: key,
    realizedPnl: row.realized.toFixed(),
    fees: row.fees.toFixed(),
    netPnl: row.realized.minus(row.fees).toFixed(),
    fills: row.fills,
  }));
}

/** ISO 8601 week (`2026-W48`): weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(day: string): string {
  const DAY_MS = 86_400_000;
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
