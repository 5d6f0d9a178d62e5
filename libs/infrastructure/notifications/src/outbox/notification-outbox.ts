import type { NotificationMessage } from '@trader/application';
import type { Database, Statement } from 'better-sqlite3';
import { OutboxTransactionInProgressError } from './outbox.errors';
import { OutboxRow, OutboxStatus } from './outbox-row';

const columns = `id, channel, message_id AS messageId, kind, message, status, attempts, next_attempt_at AS nextAttemptAt,
  last_error AS lastError, created_at AS createdAt, sent_at AS sentAt`;

export interface OutboxQuery {
  readonly status?: OutboxStatus;
  readonly channel?: string;
  readonly limit?: number;
}

/**
 * The durable queue between the event store and the channels, a table in the event database (on its
 * one connection). One row per (channel, message id): enqueuing a message again, after a replay or a
 * restart, inserts nothing, which is what makes delivery deduplicated by event id. Every write is one
 * synchronous statement or transaction, refused while the connection is inside another writer's
 * transaction (the event store's rule: never join someone else's transaction).
 */
export class NotificationOutbox {
  private readonly insert: Statement;
  private readonly due: Statement;
  private readonly earliest: Statement;
  private readonly sent: Statement;
  private readonly failed: Statement;
  private readonly parked: Statement;
  private readonly requeue: Statement;
  private readonly byId: Statement;
  private readonly enqueueAll: (message: NotificationMessage, channels: readonly string[], now: number) => number;

  constructor(private readonly db: Database) {
    // Not an event-store migration: the outbox is the notifications' own table, created on first use
    // like the read models' tables, and dropping it loses only unsent notifications.
    db.exec(`CREATE TABLE IF NOT EXISTS notification_outbox (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      message_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'parked')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER,
      UNIQUE (channel, message_id)
    );
    CREATE INDEX IF NOT EXISTS notification_outbox_due ON notification_outbox (channel, status, next_attempt_at);`);
    this.insert = db.prepare(
      `INSERT INTO notification_outbox (channel, message_id, kind, message, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, message_id) DO NOTHING`,
    );
    this.due = db.prepare(`SELECT ${columns} FROM notification_outbox WHERE channel = ? AND status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`);
    this.earliest = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM notification_outbox WHERE channel = ? AND status = 'pending'`);
    this.sent = db.prepare(`UPDATE notification_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'`);
    this.failed = db.prepare(`UPDATE notification_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'`);
    this.parked = db.prepare(`UPDATE notification_outbox SET status = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'`);
    this.requeue = db.prepare(`UPDATE notification_outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'parked'`);
    this.byId = db.prepare(`SELECT ${columns} FROM notification_outbox WHERE id = ?`);
    const enqueue = db.transaction((message: NotificationMessage, channels: readonly string[], now: number): number => {
      const json = JSON.stringify(message);
      let inserted = 0;
      for (const channel of channels) inserted += this.insert.run(channel, message.id, message.kind, json, now, now).changes;
      return inserted;
    });
    this.enqueueAll = (message, channels, now) => {
      this.assertNoOpenTransaction('enqueuing a notification');
      return enqueue.immediate(message, channels, now);
    };
  }

  /** Queues `message` for each channel that does not have it yet; returns how many rows were added. */
  enqueue(message: NotificationMessage, channels: readonly string[], now: number): number {
    if (channels.length === 0) return 0;
    return this.enqueueAll(message, channels, now);
  }

  /** The oldest pending row of `channel` that is due at `now`. */
  nextDue(channel: string, now: number): OutboxRow | undefined {
    return this.due.get(channel, now) as OutboxRow | undefined;
  }

  /** When the next pending row of `channel` is due; null when none is pending. */
  nextAttemptAt(channel: string): number | null {
    return (this.earliest.get(channel) as { at: number | null }).at;
  }

  markSent(id: number, now: number): void {
    this.write('marking a notification sent', () => this.sent.run(now, id));
  }

  markFailed(id: number, error: string, nextAttemptAt: number): void {
    this.write('recording a failed notification', () => this.failed.run(error, nextAttemptAt, id));
  }

  park(id: number, error: string): void {
    this.write('parking a notification', () => this.parked.run(error, id));
  }

  /** Puts a parked row back in the queue (attempts from zero); false when it was not parked. */
  retryParked(id: number, now: number): boolean {
    return this.write('retrying a parked notification', () => this.requeue.run(now, id)).changes === 1;
  }

  get(id: number): OutboxRow | undefined {
    return this.byId.get(id) as OutboxRow | undefined;
  }

  /** Newest first. */
  list(query: OutboxQuery = {}): OutboxRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.channel) {
      where.push('channel = ?');
      params.push(query.channel);
    }
    params.push(query.limit ?? 100);
    return this.db.prepare(`SELECT ${columns} FROM notification_outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...params) as OutboxRow[];
  }

  private write<R>(operation: string, statement: () => R): R {
    this.assertNoOpenTransaction(operation);
    return statement();
  }

  private assertNoOpenTransaction(operation: string): void {
    if (this.db.inTransaction) throw new OutboxTransactionInProgressError(operation);
  }
}
