import { createHash } from 'node:crypto';
import type { SqlDatabase } from '@trader/events';

/** The event columns `db copy` moves, in the order of the digest's lines (every column of the table). */
export const eventColumns = ['position', 'stream_id', 'stream_version', 'event_id', 'event_type', 'schema_version', 'payload', 'metadata', 'recorded_at'] as const;

export interface EventLogDigest {
  readonly events: number;
  /** sha256 over one canonical line per event, in position order (hex). */
  readonly sha256: string;
}

/**
 * A digest of the whole event log as stored, the same on SQLite and PostgreSQL when the rows are: one
 * line per event, `JSON.stringify` of its columns as an array (numbers as numbers, payload and
 * metadata as the stored text, not re-encoded JSON), then a newline. JSON keeps the line unambiguous
 * whatever the text holds, and both databases hand back the same JavaScript values for equal rows.
 */
export function eventLogDigest(db: SqlDatabase, pageSize = 5_000): EventLogDigest {
  const page = db.prepare(`SELECT ${eventColumns.join(', ')} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw();
  const hash = createHash('sha256');
  let events = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after, pageSize) as unknown[][];
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    events += rows.length;
    if (rows.length < pageSize) return { events, sha256: hash.digest('hex') };
    after = (rows[rows.length - 1] as unknown[])[0] as number;
  }
}
