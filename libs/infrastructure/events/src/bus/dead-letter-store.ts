import type { SqlDatabase, SqlStatement } from '../database/sql-database';
import { assertNoOpenTransaction, writeTransaction } from '../database/write-transaction';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { DeadLetter, ParkedEventRef } from './dead-letter';

// Aliases are quoted: PostgreSQL folds unquoted ones to lower case (`eventid`), SQLite keeps them as written.
const columns = `id, subscriber, position, event_id AS "eventId", stream_id AS "streamId", event_type AS "eventType",
  error, attempts, status, parked_at AS "parkedAt", closed_at AS "closedAt"`;

/** The dead-letter table. Parking an event and moving the subscriber past it is one transaction. */
export class DeadLetterStore {
  private readonly insert: SqlStatement;
  private readonly byId: SqlStatement;
  private readonly parked: SqlStatement;
  private readonly parkedFor: SqlStatement;
  private readonly close: SqlStatement;
  private readonly refail: SqlStatement;
  private readonly parkAndAdvance: (subscriber: string, event: ParkedEventRef, error: string, attempts: number) => number;

  constructor(
    private readonly db: SqlDatabase,
    checkpoints: CheckpointStore,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      `INSERT INTO dead_letters (subscriber, position, event_id, stream_id, event_type, error, attempts, status, parked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'parked', ?) RETURNING id`,
    ).pluck();
    this.byId = db.prepare(`SELECT ${columns} FROM dead_letters WHERE id = ?`);
    this.parked = db.prepare(`SELECT ${columns} FROM dead_letters WHERE status = 'parked' ORDER BY id`);
    this.parkedFor = db.prepare(`SELECT ${columns} FROM dead_letters WHERE status = 'parked' AND subscriber = ? ORDER BY id`);
    this.close = db.prepare(`UPDATE dead_letters SET status = ?, closed_at = ? WHERE id = ? AND status = 'parked'`);
    this.refail = db.prepare(`UPDATE dead_letters SET error = ?, attempts = attempts + 1 WHERE id = ?`);
    this.parkAndAdvance = writeTransaction(db, 'parking an event', (subscriber: string, event: ParkedEventRef, error: string, attempts: number): number => {
      const id = this.insert.get(subscriber, event.position, event.eventId, event.streamId, event.type, error, attempts, this.now()) as number;
      checkpoints.saveNow(subscriber, event.position);
      return id;
    });
  }

  /** Parks `event` for `subscriber` and moves its checkpoint past it; returns the dead letter's id. */
  async park(subscriber: string, event: ParkedEventRef, error: string, attempts: number): Promise<number> {
    return this.parkAndAdvance(subscriber, event, error, attempts);
  }

  get(id: number): DeadLetter | undefined {
    return this.byId.get(id) as DeadLetter | undefined;
  }

  list(subscriber?: string): DeadLetter[] {
    return (subscriber === undefined ? this.parked.all() : this.parkedFor.all(subscriber)) as DeadLetter[];
  }

  /** Closes a parked letter; false when it was not parked (already closed). */
  async closeAs(id: number, status: 'resolved' | 'discarded'): Promise<boolean> {
    assertNoOpenTransaction(this.db, 'closing a dead letter');
    return this.close.run(status, this.now(), id).changes === 1;
  }

  async recordFailedRetry(id: number, error: string): Promise<void> {
    assertNoOpenTransaction(this.db, 'recording a failed retry');
    this.refail.run(error, id);
  }
}
