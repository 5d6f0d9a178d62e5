import type { NotificationKind } from './notification-kind';

/**
 * One notification, ready for any channel: `id` is the deduplication key (the event id it came from,
 * or `daily-summary/<day>`), `text` the plain-text message, `details` the structured facts a webhook
 * receiver can use without parsing the text. Plain data, so it is stored in the outbox as JSON.
 */
export interface NotificationMessage {
  readonly id: string;
  readonly kind: NotificationKind;
  /** The event type it came from (`DailySummary` for the daily summary). */
  readonly source: string;
  readonly title: string;
  readonly text: string;
  /** Epoch ms of the fact (the event's own time, else when it was recorded). */
  readonly at: number;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}
