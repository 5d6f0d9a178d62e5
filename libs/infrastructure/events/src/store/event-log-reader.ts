import type { StoredEvent } from '@trader/application';
import type { EventLog } from './event-log';

/**
 * Reads the log page by page from another process's point of view: a reader that follows what some
 * other process appends (a standby following the active instance), polling. Each page is awaited, so
 * on PostgreSQL the wait for the server never blocks the event loop (see `PgLogReader`).
 */
export interface EventLogReader {
  /** Up to `limit` events with a position above `after`, in position order, decoded as the store decodes them. */
  readAfter(after: number, limit: number): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/**
 * A reader over a store in this process (SQLite: the disk answers as fast as a thread hop would, and
 * there is no server to wait for). `close` leaves the store open: it is not the reader's.
 */
export function eventLogReaderOf(log: EventLog): EventLogReader {
  return {
    readAfter: async (after, limit) => Array.from(log.readAll(after + 1, limit)),
    close: async () => undefined,
  };
}
