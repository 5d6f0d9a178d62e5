import { ManualClock } from '@trader/domain';
import { eventually, silentLogger, TaskManager } from '@trader/runtime';
import type { Database } from 'better-sqlite3';
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointError } from './database/database.errors';
import { EventStoreRuntime } from './event-store-runtime';
import { EventStoreRuntimeOptions } from './event-store-runtime.options';
import type { EventPagesAhead } from './store/event-log';
import { SqliteEventStore } from './store/sqlite-event-store';
import { Projection } from './projections/projection';

/** Events of about 3,000 characters: one page of the log each. */
const pageSized = (prefix: string, count: number): { eventId: string; type: string; data: { text: string } }[] =>
  Array.from({ length: count }, (_, n) => ({ eventId: `${prefix}-${n}`, type: 'Filler', data: { text: 'x'.repeat(3_000) } }));

/** The runtime's checkpoints of a SQLite file's write-ahead log, on a real file and a real thread. */
describe('EventStoreRuntime: WAL checkpoints off the event loop', () => {
  let dir: string;
  let tasks: TaskManager;
  let runtime: EventStoreRuntime | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-runtime-'));
    tasks = new TaskManager(new ManualClock(1_700_000_000_000), silentLogger);
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    await tasks.shutdown(1_000);
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (options: Partial<EventStoreRuntimeOptions> = {}): EventStoreRuntime => {
    runtime = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock: new ManualClock(1_700_000_000_000), tasks, ...options });
    return runtime;
  };
  const autocheckpoint = (r: EventStoreRuntime): number => Number((r.db as Database).pragma('wal_autocheckpoint', { simple: true }));

  it('copies the log into the file on its own thread while it runs; its commits keep only a distant backstop', async () => {
    const r = open({ walCheckpoints: { intervalMs: 10, startPages: 50, backstopPages: 5_000 } });
    r.start();
    expect(autocheckpoint(r)).toBe(5_000);
    const before = statSync(r.path).size;
    for (let i = 0; i < 20; i += 1) await r.publishing.append(`s-${i}`, 'any', pageSized(`e-${i}`, 10));
    // About 200 pages written, far below the backstop: what reached the file, the thread copied.
    await eventually(() => expect(statSync(r.path).size).toBeGreaterThan(before + 150 * 4_096));
    expect(r.walCheckpoints()?.threadStarts).toBe(1);
    expect(tasks.list().find((task) => task.name === 'events.wal-checkpoint')).toMatchObject({ owner: 'event-store', kind: 'periodic', failures: 0 });
  });

  it('stops the thread with the runtime', async () => {
    const r = open({ walCheckpoints: { intervalMs: 10 } });
    r.start();
    const checkpointer = r.walCheckpoints();
    await eventually(() => expect(tasks.list().find((task) => task.name === 'events.wal-checkpoint')?.runs).toBeGreaterThan(0));
    await r.stop();
    runtime = undefined;
    expect(tasks.list().find((task) => task.name === 'events.wal-checkpoint')?.state).toBe('aborted');
    await expect(checkpointer?.checkpoint()).rejects.toThrow(WalCheckpointError);
  });

  it('leaves checkpoints to SQLite when turned off, and for an in-memory database', async () => {
    const off = open({ walCheckpoints: false });
    off.start();
    expect(off.walCheckpoints()).toBeUndefined();
    expect(autocheckpoint(off)).toBe(1_000);
    const memory = new EventStoreRuntime({ path: ':memory:', clock: new ManualClock(0), tasks: new TaskManager(new ManualClock(0), silentLogger) });
    try {
      memory.start();
      expect(memory.walCheckpoints()).toBeUndefined();
    } finally {
      await memory.stop();
    }
  });

  it('after a failed checkpoint tries again only 1 s later, then 2 s, then 4 s, on the clock it is given, and goes on once it succeeds', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const r = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock, tasks, walCheckpoints: { intervalMs: 5, startPages: 1 } });
    runtime = r;
    await r.store.append('s', 'any', pageSized('e', 2));
    // The fault: the database file is away (renamed: the main connection keeps it open), so the
    // thread cannot open it and each attempt fails.
    renameSync(r.path, `${r.path}.away`);
    r.start();
    const task = (): { runs: number; failures: number } => tasks.list().find((t) => t.name === 'events.wal-checkpoint') as { runs: number; failures: number };
    /** Lets the task tick `ticks` more times with the clock standing still. */
    const idle = async (ticks: number): Promise<void> => {
      const runs = task().runs;
      await eventually(() => expect(task().runs).toBeGreaterThanOrEqual(runs + ticks));
    };
    await eventually(() => expect(task().failures).toBe(1));
    await idle(5);
    expect(task().failures).toBe(1);
    clock.advance(1_000);
    await eventually(() => expect(task().failures).toBe(2));
    clock.advance(1_999);
    await idle(5);
    expect(task().failures).toBe(2);
    clock.advance(1);
    await eventually(() => expect(task().failures).toBe(3));
    expect(r.walCheckpoints()?.threadStarts).toBe(3);
    // The file back: the attempt 4 s after the third failure succeeds, and the ticks after it fail no more.
    renameSync(`${r.path}.away`, r.path);
    clock.advance(4_000);
    await eventually(() => expect(r.walCheckpoints()?.threadStarts).toBe(4));
    await idle(5);
    expect(task().failures).toBe(3);
    expect(r.walCheckpoints()?.threadStarts).toBe(4);
  });

  describe('the automatic checkpoint while a rebuild runs', () => {
    /** A projection that notes the connection's threshold in each batch it applies; `fail` makes its batches throw. */
    const probe = (seen: number[], fail = false): Projection => ({
      name: 'threshold-probe',
      eventTypes: ['Filler'],
      open: (db) => ({
        applyBatch: () => {
          seen.push(Number((db as Database).pragma('wal_autocheckpoint', { simple: true })));
          if (fail) throw new Error('the probe failed');
        },
        reset: () => undefined,
      }),
    });
    const fill = async (r: EventStoreRuntime): Promise<void> => {
      for (let i = 0; i < 3; i += 1) await r.store.append(`s-${i}`, 'any', pageSized(`e-${i}`, 2));
    };

    it('is the backstop during a rebuild of a runtime never started (trader replay), and SQLite own again after', async () => {
      const r = open({ walCheckpoints: { backstopPages: 7_000 } });
      await fill(r);
      const seen: number[] = [];
      await r.addProjection(probe(seen));
      expect(autocheckpoint(r)).toBe(1_000);
      await r.rebuildAll(['threshold-probe'], undefined, { batchSize: 2 });
      expect(seen).toEqual([7_000, 7_000, 7_000]);
      expect(autocheckpoint(r)).toBe(1_000);
    });

    it('is SQLite own again after a rebuild that failed', async () => {
      const r = open({ walCheckpoints: { backstopPages: 7_000 } });
      await fill(r);
      const seen: number[] = [];
      await r.addProjection(probe(seen, true));
      await expect(r.rebuildAll(['threshold-probe'])).rejects.toThrow('the probe failed');
      expect(seen).toEqual([7_000]);
      expect(autocheckpoint(r)).toBe(1_000);
    });

    it('stays the backstop after a rebuild while the checkpoint thread runs', async () => {
      const r = open({ walCheckpoints: { backstopPages: 7_000 } });
      await fill(r);
      const seen: number[] = [];
      await r.addProjection(probe(seen));
      r.start();
      await r.rebuildAll(['threshold-probe']);
      // The live lane may have applied the events too before the rebuild: every batch saw the backstop.
      expect([...new Set(seen)]).toEqual([7_000]);
      expect(autocheckpoint(r)).toBe(7_000);
    });

    it('warns through the runtime logger when the page reader fails and the rebuild reads on inline', async () => {
      const warnings: { message: string; context?: Record<string, unknown> }[] = [];
      const r = open({ logger: { info: () => undefined, warn: (message, context) => warnings.push({ message, ...(context ? { context } : {}) }), error: () => undefined } });
      await fill(r);
      const seen: number[] = [];
      await r.addProjection(probe(seen));
      const store = r.store as SqliteEventStore;
      const pagesAhead = store.pagesAhead.bind(store);
      let reader: EventPagesAhead | undefined;
      jest.spyOn(store, 'pagesAhead').mockImplementation(() => (reader = pagesAhead()));
      // The fault: the reader's thread ended under it after the first batch (it reads at most two ahead).
      await r.rebuildAll(['threshold-probe'], (progress) => (progress.position === 1 ? void reader?.close() : undefined), { batchSize: 1, readAheadFrom: 0 });
      expect(seen).toHaveLength(6);
      expect(warnings).toEqual([
        {
          message: 'rebuild: the page reader failed, reading the rest on the main thread',
          context: { projections: ['threshold-probe'], position: expect.any(Number), error: 'Reading the event log ahead failed: the reader was closed' },
        },
      ]);
      // Where the inline reading took over: some of the log was left for it.
      expect(warnings[0]?.context?.['position']).toBeLessThan(6);
    });

    it('is left alone when checkpoints are turned off', async () => {
      const r = open({ walCheckpoints: false });
      await fill(r);
      const seen: number[] = [];
      await r.addProjection(probe(seen));
      await r.rebuildAll(['threshold-probe']);
      expect(seen).toEqual([1_000]);
    });
  });
});
