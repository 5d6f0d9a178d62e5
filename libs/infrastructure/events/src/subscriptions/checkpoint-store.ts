import type { SqlDatabase, SqlStatement } from '../database/sql-database';
import { assertNoOpenTransaction } from '../database/write-transaction';

/**
 * Upsert of a checkpoint. It never moves a checkpoint back, so re-running an old (parked) event for a
 * subscriber cannot make it process newer events twice.
 */
export const upsertCheckpointSql = `INSERT INTO checkpoints (subscriber, position, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (subscriber) DO UPDATE SET
    position = CASE WHEN excluded.position > checkpoints.position THEN excluded.position ELSE checkpoints.position END, updated_at = excluded.updated_at`;

/** The last processed position of each subscriber, in the event database. */
export class CheckpointStore {
  private readonly select: SqlStatement;
  private readonly upsert: SqlStatement;
  private readonly reset: SqlStatement;

  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {
    this.select = db.prepare('SELECT position FROM checkpoints WHERE subscriber = ?').pluck();
    this.upsert = db.prepare(upsertCheckpointSql);
    this.reset = db.prepare('DELETE FROM checkpoints WHERE subscriber = ?');
  }

  position(subscriber: string): number {
    return (this.select.get(subscriber) as number | undefined) ?? 0;
  }

  /** Async for the lane workers' sake; the write itself is synchronous, one statement. */
  async save(subscriber: string, position: number): Promise<void> {
    assertNoOpenTransaction(this.db, 'a checkpoint write');
    this.saveNow(subscriber, position);
  }

  /** For callers already inside a write (the dead-letter transaction). */
  saveNow(subscriber: string, position: number): void {
    this.upsert.run(subscriber, position, this.now());
  }

  /** Forgets a subscriber's checkpoint, so it starts again from position 1. */
  async clear(subscriber: string): Promise<void> {
    assertNoOpenTransaction(this.db, 'a checkpoint reset');
    this.reset.run(subscriber);
  }
}
