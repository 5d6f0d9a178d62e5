import type { components } from '../../api/schema';
import { signOf, sumDecimals } from '../../format/decimal';

type PnlRow = components['schemas']['PnlRowResponse'];
type Position = components['schemas']['ValuedPositionResponse'];

export interface EquityPoint {
  /** A UTC day, `2026-11-30`. */
  readonly day: string;
  /** Realised PnL net of fees since the first day shown, plus (on today) the unrealised PnL held now. */
  readonly value: string;
}

/** A UTC day `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The unrealised PnL of the positions with a mark, and how many held positions have none. */
export function unrealizedOf(positions: readonly Position[]): { readonly total: string; readonly unmarked: number } {
  const held = positions.filter((position) => signOf(position.quantity) > 0);
  const marked = held.flatMap((position) => (position.unrealizedPnl === null ? [] : [position.unrealizedPnl]));
  return { total: sumDecimals(marked), unmarked: held.length - marked.length };
}

/**
 * The equity curve of the session's trading as the server keeps it: daily realised PnL net of fees
 * (GET /api/v1/pnl?period=day), added up day by day, and today's point marked to market with the
 * unrealised PnL of the open positions. The server records no account equity series; this is the
 * change of equity the trader made, from zero on the first day shown.
 */
export function equityCurve(rows: readonly PnlRow[], unrealized: string, today: string): EquityPoint[] {
  const days = [...rows].filter((row) => row.period <= today).sort((a, b) => a.period.localeCompare(b.period));
  let total = '0';
  const points = days.map((row) => {
    total = sumDecimals([total, row.netPnl]);
    return { day: row.period, value: total };
  });
  const last = points.at(-1);
  const marked = { day: today, value: sumDecimals([total, unrealized]) };
  return last?.day === today ? [...points.slice(0, -1), marked] : [...points, marked];
}

/** Today's realised PnL (gross and net of fees) from the day rows, zero when nothing was filled today. */
export function realizedToday(rows: readonly PnlRow[], today: string): { readonly gross: string; readonly fees: string; readonly net: string; readonly fills: number } {
  const row = rows.find((entry) => entry.period === today);
  return row ? { gross: row.realizedPnl, fees: row.fees, net: row.netPnl, fills: row.fills } : { gross: '0', fees: '0', net: '0', fills: 0 };
}
