import type { NotificationMessage } from './notification-message';

export interface DailySummaryPosition {
  readonly market: string;
  readonly quantity: string;
  readonly averageEntryPrice: string;
}

/** What the daily summary reports, read from the read models when it is due. */
export interface DailySummary {
  /** The local date it reports on (`YYYY-MM-DD` in the configured zone). */
  readonly day: string;
  readonly timeZone: string;
  /** Realised PnL over the 24 hours before the summary (decimal string, quote currency). */
  readonly realizedPnl: string;
  readonly fills: number;
  readonly openPositions: readonly DailySummaryPosition[];
  /** The session's mode: idle, trading, halted, reducing (with the halt reason when halted). */
  readonly session: string;
  readonly at: number;
}

/** The outbox key of a day's summary: one per local day, so a restart on the same day sends none again. */
export function dailySummaryId(day: string): string {
  return `daily-summary/${day}`;
}

export function dailySummaryNotification(summary: DailySummary): NotificationMessage {
  const pnl = summary.realizedPnl.startsWith('-') || /^0(\.0*)?$/.test(summary.realizedPnl) ? summary.realizedPnl : `+${summary.realizedPnl}`;
  const positions =
    summary.openPositions.length === 0
      ? ['open positions: none']
      : [`open positions (${summary.openPositions.length}):`, ...summary.openPositions.map((p) => `  ${p.market} ${p.quantity} at average ${p.averageEntryPrice}`)];
  const title = `Daily summary ${summary.day} (${summary.timeZone})`;
  return {
    id: dailySummaryId(summary.day),
    kind: 'daily_summary',
    source: 'DailySummary',
    title,
    text: [title, `realised PnL (24 h): ${pnl}`, `fills: ${summary.fills}`, ...positions, `session: ${summary.session}`].join('\n'),
    at: summary.at,
    details: { day: summary.day, timeZone: summary.timeZone, realizedPnl: summary.realizedPnl, fills: summary.fills, openPositions: summary.openPositions.length, session: summary.session },
  };
}
