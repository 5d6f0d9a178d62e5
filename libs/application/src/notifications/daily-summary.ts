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
  /**
   * The last complete trading day the PnL read model knows (its days are UTC dates): at 09:00 in
   * Seoul (00:00 UTC) exactly the day that just ended.
   */
  readonly pnlDay: string;
  /** Realised PnL of `pnlDay`, gross of fees (decimal string, quote currency). */
  readonly realizedPnl: string;
  /** Fills of `pnlDay`. */
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
    text: [title, `realised PnL of ${summary.pnlDay} (UTC day): ${pnl}`, `fills: ${summary.fills}`, ...positions, `session: ${summary.session}`].join('\n'),
    at: summary.at,
    details: { day: summary.day, pnlDay: summary.pnlDay, timeZone: summary.timeZone, realizedPnl: summary.realizedPnl, fills: summary.fills, openPositions: summary.openPositions.length, session: summary.session },
  };
}
