import { appendToStream, createEventStoreSchema, getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import type { NewEvent } from '@trader/application';
import { openEventDatabase, SqliteEventStore } from '@trader/events';
import { SystemClock } from '@trader/runtime';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventsPerTransaction, payload, quantile, scratchDir, streamCount } from './bench-support';

/**
 * How Emmett is driven, and at which durability ours runs against it:
 * - `store-full`: Emmett's own facade, `getSQLiteEventStore`. For a file it opens a connection per
 *   append (`PRAGMA journal_mode = WAL`, `synchronous` left at SQLite's default FULL) and closes it
 *   after, which checkpoints the WAL. The facade takes no pragma and its only hook runs inside the
 *   transaction, where SQLite refuses to change `synchronous`, so FULL is the only durability it has.
 *   Ours runs `{ durability: 'full' }` (fsync of the WAL per commit).
 * - `connection-full` / `connection-normal`: Emmett's exported `appendToStream` (the function the
 *   facade calls, same SQL, same transaction) on one `sqliteConnection` kept open, with
 *   `PRAGMA synchronous` set to FULL or NORMAL on it. Ours at the same setting: WAL + FULL, WAL + NORMAL.
 */
export type PeerSetup = 'store-full' | 'connection-full' | 'connection-normal';
export type PeerShape = 'batched' | 'single';

export interface PeerFigure {
  readonly setup: PeerSetup;
  readonly shape: PeerShape;
  readonly events: number;
  /** Median events/s of the timed rounds. */
  readonly oursEps: number;
  readonly emmettEps: number;
  /** Emmett appends that failed with SQLITE_BUSY and were retried (see `retrying`). */
  readonly retries: number;
  readonly appends: number;
  readonly rounds: number;
}

export interface PeerSizes {
  readonly batched: number;
  /** One event per transaction through Emmett's facade (an fsync and a checkpoint per append: slow). */
  readonly singleStore: number;
  readonly single: number;
}

type Events = { type: string; data: Record<string, string | number> }[];
/** One append of `events` to `stream` at the setup's durability; resolves to the number of retries. */
type Appender = { append(stream: string, events: Events): Promise<number>; close(): Promise<void> };

/**
 * Workload 5, the peer: ours and @event-driven-io/emmett-sqlite 0.38.5 on the same appends (same
 * payloads, same stream names, 1,000 events to one stream per transaction when batched, one event
 * per transaction otherwise), at equal durability. Both run in this process, one untimed warm-up round
 * each, then `rounds` timed rounds alternating ours and Emmett on fresh files; the median round of
 * each counts.
 */
export async function emmettPeer(sizes: PeerSizes, rounds = 3): Promise<PeerFigure[]> {
  const figures: PeerFigure[] = [];
  const plan: Array<{ setup: PeerSetup; shape: PeerShape; events: number }> = [
    { setup: 'store-full', shape: 'batched', events: sizes.batched },
    { setup: 'store-full', shape: 'single', events: sizes.singleStore },
    { setup: 'connection-full', shape: 'batched', events: sizes.batched },
    { setup: 'connection-full', shape: 'single', events: sizes.single },
    { setup: 'connection-normal', shape: 'batched', events: sizes.batched },
    { setup: 'connection-normal', shape: 'single', events: sizes.single },
  ];
  const files = new RunFiles();
  try {
    for (const { setup, shape, events } of plan) {
      const perAppend = shape === 'batched' ? eventsPerTransaction : 1;
      const warmUp = Math.max(perAppend, Math.floor(events / 10 / perAppend) * perAppend);
      await timeRun(ours, files.next(), setup, shape, warmUp);
      await timeRun(emmett, files.next(), setup, shape, warmUp);
      const oursRounds: number[] = [];
      const emmettRounds: number[] = [];
      let retries = 0;
      for (let round = 0; round < rounds; round += 1) {
        oursRounds.push((await timeRun(ours, files.next(), setup, shape, events)).eps);
        const peer = await timeRun(emmett, files.next(), setup, shape, events);
        emmettRounds.push(peer.eps);
        retries += peer.retries;
      }
      figures.push({
        setup,
        shape,
        events,
        oursEps: quantile(oursRounds, 0.5),
        emmettEps: quantile(emmettRounds, 0.5),
        retries,
        appends: (events / perAppend) * rounds,
        rounds,
      });
    }
    return figures;
  } finally {
    files.removeAll();
  }
}

/**
 * A fresh database file per run; a run's files are removed when the next run starts, outside both
 * timed regions. Removing the directory under a connection still closing fails that connection with
 * SQLITE_IOERR, which node-sqlite3 throws as an uncaught error event (see `closed`).
 */
class RunFiles {
  private readonly scratch = scratchDir();
  private previous: string | null = null;
  private count = 0;

  next(): string {
    if (this.previous) rmSync(this.previous, { recursive: true, force: true });
    this.count += 1;
    this.previous = join(this.scratch.dir, `run-${this.count}`);
    mkdirSync(this.previous);
    return join(this.previous, 'peer.db');
  }

  removeAll(): void {
    this.scratch.remove();
  }
}

async function timeRun(
  open: (file: string, setup: PeerSetup) => Promise<Appender>,
  file: string,
  setup: PeerSetup,
  shape: PeerShape,
  total: number,
): Promise<{ eps: number; retries: number }> {
  const appender = await open(file, setup);
  try {
    let retries = 0;
    const perAppend = shape === 'batched' ? eventsPerTransaction : 1;
    const prefix = shape === 'batched' ? 'order' : 's';
    const started = performance.now();
    for (let first = 0; first < total; first += perAppend) {
      const events = Array.from({ length: perAppend }, (_, i) => ({ type: 'OrderPlaced', data: payload(first + i) }));
      retries += await appender.append(`${prefix}-${(first / perAppend) % streamCount}`, events);
    }
    return { eps: total / ((performance.now() - started) / 1_000), retries };
  } finally {
    await appender.close();
  }
}

async function ours(file: string, setup: PeerSetup): Promise<Appender> {
  const clock = new SystemClock();
  const db = openEventDatabase({ path: file }, clock.now());
  const store = new SqliteEventStore(db, { clock });
  const durability = setup === 'connection-normal' ? 'normal' : 'full';
  let next = 0;
  return {
    async append(stream, events) {
      const stamped: NewEvent[] = events.map((e) => ({ eventId: `e-${next++}`, type: e.type, data: e.data }));
      await store.append(stream, 'any', stamped, { durability });
      return 0;
    },
    close: async () => {
      db.close();
    },
  };
}

async function emmett(file: string, setup: PeerSetup): Promise<Appender> {
  if (setup === 'store-full') {
    const store = getSQLiteEventStore({ fileName: file, schema: { autoMigration: 'CreateOrUpdate' } });
    // The facade closed its last connection after the last append, without waiting.
    return { append: (stream, events) => retrying(() => store.appendToStream(stream, events)), close: () => closed(file) };
  }
  const connection = sqliteConnection({ fileName: file });
  const synchronous = setup === 'connection-full' ? 'FULL' : 'NORMAL';
  // sqliteConnection issues `PRAGMA journal_mode = WAL` without waiting for it, and node-sqlite3 may
  // run the next statements first (under load it did: this connection read back 'delete'). Setting
  // it again and waiting makes the connection run in the mode Emmett means it to.
  await connection.command('PRAGMA journal_mode = WAL');
  await connection.command(`PRAGMA synchronous = ${synchronous}`);
  // The row's label names these settings: read them back rather than trust the statements.
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  const expected = { FULL: 2, NORMAL: 1 }[synchronous];
  if (journal?.journal_mode !== 'wal' || sync?.synchronous !== expected) {
    throw new Error(`emmett connection runs journal_mode=${journal?.journal_mode} synchronous=${sync?.synchronous}, not wal and ${synchronous}`);
  }
  await createEventStoreSchema(connection);
  return {
    // The stream type is what the facade derives from the name (the part before the first '-').
    append: (stream, events) => retrying(() => appendToStream(connection, stream, stream.split('-')[0], events)),
    close: () => {
      connection.close();
      return closed(file);
    },
  };
}

/**
 * emmett-sqlite 0.38.5 on node-sqlite3 fails now and then with "SQLITE_BUSY: cannot commit
 * transaction - SQL statements in progress" (one writer, no other connection). The failed append
 * writes nothing (checked:
 * stream contents are complete after retrying), so it is retried, and the retries are counted and
 * reported; their cost is part of the measured time.
 */
async function retrying(append: () => Promise<unknown>): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await append();
      return attempt;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('SQLITE_BUSY')) throw error;
    }
  }
}

/**
 * Resolves once the last connection to `file` has closed. node-sqlite3 closes asynchronously and
 * neither Emmett's `close()` nor its facade waits for it; the close checkpoints the WAL into the
 * database (writes and an fsync) and then deletes the WAL file. Without waiting, that work would land
 * in the next run's timed region, which is always the other store's.
 */
async function closed(file: string, deadlineMs = 30_000): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  while (existsSync(`${file}-wal`)) {
    if (performance.now() > deadline) throw new Error(`emmett's connection to ${file} did not close within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
