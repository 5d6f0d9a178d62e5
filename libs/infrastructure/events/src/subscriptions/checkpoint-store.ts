import type { Database, Statement } from 'better-sqlite3';
import { WriteLock } from '../database/write-lock';

/**
 * Upsert of a checkpoint. It never moves a checkpoint back, so re-running an old (parked) event for a
 * subscriber cannot make it process newer events twice.
 */
export const upsertCheckpointSql = `INSERT INTO checkpoints (subscriber, position, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (subscriber) DO UPDATE SET position = MAX(checkpoints.position, excluded.position), updated_at = excluded.updated_at`;

/** The last processed position of each subscriber, in the event database. */
export class CheckpointStore {
  private readonly select: Statement;
  private readonly upsert: Statement;
  private readonly reset: Statement;

  constructor(
    db: Database,
    private readonly lock: WriteLock,
    private readonly now: () => number,
  ) {
    this.select = db.prepare('SELECT position FROM checkpoints WHERE subscriber = ?').pluck();
    this.upsert = db.prepare(upsertCheckpointSql);
    this.reset = db.prepare('DELETE FROM checkpoints WHERE subscriber = ?');
  }

  position(subscriber: string): number {
    return (this.select.get(subscriber) as number | undefined) ?? 0;
  }

  async save(subscriber: string, position: number): Promise<void> {
    await this.lock.run(() => this.saveNow(subscriber, position));
  }

  /** For callers already inside a write (the dead-letter transaction). */
  saveNow(subscriber: string, position: number): void {
    this.upsert.run(subscriber, position, this.now());
  }

  /** Forgets a subscriber's checkpoint, so it starts again from position 1. */
  async clear(subscriber: string): Promise<void> {
    await this.lock.run(() => this.reset.run(subscriber));
  }
}
