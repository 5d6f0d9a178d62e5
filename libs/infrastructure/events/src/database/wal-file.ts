import type { Database } from 'better-sqlite3';

/**
 * Whether another connection of this process can work beside `db` without waiting for its writes: a
 * file (an in-memory database cannot be opened twice) in WAL mode (outside it, readers and the writer
 * wait for each other). The page reader and the WAL checkpointer need both.
 */
export function isWalFile(db: Database): boolean {
  return !db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
}
