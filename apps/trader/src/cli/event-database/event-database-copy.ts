import { migratePg, pgMigrations } from '@trader/events';
import type { PgSyncDatabase, SqlDatabase } from '@trader/events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CopyAbortedError, CopyLeftPartialError, CopySourceError, CopyTargetNotEmptyError } from './db-copy.errors';
import { EventLogDigest, eventColumns, eventLogDigest } from './event-log-digest';

/** The store's own tables, the ones `db copy` moves (read models are rebuilt instead). */
const storeTables = ['events', 'snapshots', 'checkpoints', 'dead_letters'] as const;
type StoreTable = (typeof storeTables)[number];

const snapshotColumns = ['stream_id', 'aggregate_type', 'stream_version', 'schema_version', 'state', 'taken_at'] as const;
const checkpointColumns = ['subscriber', 'position', 'updated_at'] as const;
const deadLetterColumns = ['id', 'subscriber', 'position', 'event_id', 'stream_id', 'event_type', 'error', 'attempts', 'status', 'parked_at', 'closed_at'] as const;

/**
 * One INSERT per batch whatever its size: each column goes as one array parameter, `unnest` turns
 * them back into rows (as PgEventStore appends). Values are inserted as read, so positions, versions,
 * ids, times and the payload and metadata text arrive unchanged.
 */
const insertEventsSql = `INSERT INTO events (${eventColumns.join(', ')})
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[])`;
const insertSnapshotsSql = `INSERT INTO snapshots (${snapshotColumns.join(', ')})
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::bigint[])`;
const insertCheckpointsSql = `INSERT INTO checkpoints (${checkpointColumns.join(', ')}) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])`;
const insertDeadLettersSql = `INSERT INTO dead_letters (${deadLetterColumns.join(', ')})
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::bigint[], $11::bigint[])`;

export interface CopyProgress {
  readonly copied: number;
  readonly total: number;
  readonly elapsedMs: number;
}

export interface EventDatabaseCopyOptions {
  /** The account schema to fill (created and migrated if needed); it must hold no store rows. */
  readonly schema: string;
  /** Checkpoints left behind: the projections', whose read models are not copied but rebuilt. */
  readonly skipCheckpoints: ReadonlySet<string>;
  /** Events per INSERT and transaction. Default 2000. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: CopyProgress) => void;
  readonly signal?: AbortSignal;
  readonly now: () => number;
}

export interface TableCount {
  readonly table: StoreTable;
  readonly source: number;
  readonly target: number;
}

export interface EventDatabaseCopyReport {
  readonly counts: readonly TableCount[];
  readonly source: EventLogDigest;
  readonly target: EventLogDigest;
  /** The source's checkpoints that were not copied (projections). */
  readonly skippedCheckpoints: readonly string[];
  readonly matches: boolean;
}

/**
 * Copies a SQLite event store (events, snapshots, checkpoints, dead letters) into an empty PostgreSQL
 * account schema, then verifies it: row counts per table, and a digest of every event in position
 * order read back from each side. A failed, interrupted or mismatching copy empties the target again,
 * so it is left as it was found (the schema itself stays, migrated and empty).
 *
 * The source is read inside one read transaction, so the copy is of one consistent moment even if a
 * trader still writes to the file. The target is held under the account's append lock for the whole
 * copy (the session-level form of the lock PgEventStore takes per append), so no trader appends there
 * in between.
 */
export async function copyEventDatabase(source: SqlDatabase, target: PgSyncDatabase, options: EventDatabaseCopyOptions): Promise<EventDatabaseCopyReport> {
  const knownVersion = (pgMigrations[pgMigrations.length - 1] as { version: number }).version;
  source.exec('BEGIN');
  try {
    const sourceVersion = schemaVersion(source);
    if (sourceVersion !== knownVersion) {
      throw new CopySourceError(source.name, `is at schema version ${sourceVersion}, this trader's is ${knownVersion}; run "trader db migrate" with TRADER_DB=${source.name} first`);
    }
    migratePg(target, options.schema, options.now());
    const lockKey = `upbit-trader:append:${options.schema}`;
    target.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      const held = countRows(target);
      if (Object.values(held).some((count) => count > 0)) throw new CopyTargetNotEmptyError(`${target.name} schema ${options.schema}`, held);
      let report: EventDatabaseCopyReport;
      try {
        await copyRows(source, target, options);
        report = verify(source, target, options.skipCheckpoints);
      } catch (error) {
        emptyTarget(target, options.schema, error);
        throw error;
      }
      if (!report.matches) emptyTarget(target, options.schema, undefined);
      return report;
    } finally {
      if (target.open) target.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    }
  } finally {
    source.exec('COMMIT');
  }
}

async function copyRows(source: SqlDatabase, target: PgSyncDatabase, options: EventDatabaseCopyOptions): Promise<void> {
  const batchSize = options.batchSize ?? 2_000;
  const total = source.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const page = source.prepare(`SELECT ${eventColumns.join(', ')} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw();
  // Each batch commits without waiting for its WAL flush (synchronous_commit off); the last
  // transaction below commits with it on, which flushes the WAL up to there: every batch included.
  const insertEvents = target.transaction((columns: unknown[][]) => {
    target.batch([
      { text: 'SET LOCAL synchronous_commit = off', values: [] },
      { text: insertEventsSql, values: columns },
    ]);
  });
  const startedAt = options.now();
  let copied = 0;
  let after = 0;
  for (;;) {
    if (options.signal?.aborted) throw new CopyAbortedError();
    const rows = page.all(after, batchSize) as unknown[][];
    if (rows.length === 0) break;
    insertEvents(columnsOf(rows, eventColumns.length));
    copied += rows.length;
    after = (rows[rows.length - 1] as unknown[])[0] as number;
    options.onProgress?.({ copied, total, elapsedMs: options.now() - startedAt });
    // Lets Ctrl-C and the progress line through between batches (every call above blocks the loop).
    await yieldToEventLoop();
  }
  const snapshots = source.prepare(`SELECT ${snapshotColumns.join(', ')} FROM snapshots ORDER BY stream_id`).raw().all() as unknown[][];
  const deadLetters = source.prepare(`SELECT ${deadLetterColumns.join(', ')} FROM dead_letters ORDER BY id`).raw().all() as unknown[][];
  const checkpoints = (source.prepare(`SELECT ${checkpointColumns.join(', ')} FROM checkpoints ORDER BY subscriber`).raw().all() as unknown[][]).filter(
    (row) => !options.skipCheckpoints.has(row[0] as string),
  );
  if (options.signal?.aborted) throw new CopyAbortedError();
  target.transaction(() => {
    if (snapshots.length > 0) target.query(insertSnapshotsSql, columnsOf(snapshots, snapshotColumns.length));
    if (deadLetters.length > 0) {
      target.query(insertDeadLettersSql, columnsOf(deadLetters, deadLetterColumns.length));
      // The ids came with the rows; the next letter parked on PostgreSQL must not reuse one.
      target.query("SELECT setval(pg_get_serial_sequence('dead_letters', 'id'), (SELECT MAX(id) FROM dead_letters))", []);
    }
    if (checkpoints.length > 0) target.query(insertCheckpointsSql, columnsOf(checkpoints, checkpointColumns.length));
  })();
}

function verify(source: SqlDatabase, target: PgSyncDatabase, skipCheckpoints: ReadonlySet<string>): EventDatabaseCopyReport {
  const sourceCounts = countRows(source);
  const skippedCheckpoints = (source.prepare('SELECT subscriber FROM checkpoints ORDER BY subscriber').pluck().all() as string[]).filter((name) => skipCheckpoints.has(name));
  sourceCounts.checkpoints -= skippedCheckpoints.length;
  const targetCounts = countRows(target);
  const counts = storeTables.map((table) => ({ table, source: sourceCounts[table], target: targetCounts[table] }));
  const sourceDigest = eventLogDigest(source);
  const targetDigest = eventLogDigest(target);
  const matches = counts.every((count) => count.source === count.target) && sourceDigest.sha256 === targetDigest.sha256;
  return { counts, source: sourceDigest, target: targetDigest, skippedCheckpoints, matches };
}

function countRows(db: SqlDatabase): Record<StoreTable, number> {
  const counts = {} as Record<StoreTable, number>;
  for (const table of storeTables) counts[table] = Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
  return counts;
}

function schemaVersion(db: SqlDatabase): number {
  const recorded = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  if (!recorded) throw new CopySourceError(db.name, 'is not an event database (no schema_migrations table)');
  return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
}

/** Rows to one array per column, for `unnest`. */
function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((row, r) => row.forEach((value, c) => ((columns[c] as unknown[])[r] = value)));
  return columns;
}

/** Undoes a copy: the target held no store rows when it began (checked under the append lock). */
function emptyTarget(target: PgSyncDatabase, schema: string, failure: unknown): void {
  try {
    target.transaction(() => {
      for (const table of storeTables) target.query(`DELETE FROM ${table}`, []);
    })();
  } catch (cleanupFailure) {
    throw new CopyLeftPartialError(schema, failure ?? 'the copy did not match its source', cleanupFailure);
  }
}
