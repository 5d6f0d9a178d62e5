export type OutboxStatus = 'pending' | 'sent' | 'parked';

/** One message for one destination, as the outbox holds it. */
export interface OutboxRow {
  readonly id: number;
  readonly channel: string;
  /** The message's id: the event id, or `daily-summary/<day>`. Unique per channel. */
  readonly messageId: string;
  readonly kind: string;
  /** The NotificationMessage as JSON. */
  readonly message: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly sentAt: number | null;
}
