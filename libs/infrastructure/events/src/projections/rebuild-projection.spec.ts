import type { DataSource } from 'typeorm';
import { tradingProjections, tradingReadModelEntities } from '../read-models/trading-read-models';
import { TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import { tradingLog } from '../test-support/trading-log';
import type { EventPagesAhead } from '../store/event-log';
import type { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';
import { openReadModelDataSource } from './read-model-data-source.bootstrap';
import { rebuildProjections } from './rebuild-projection';
import { RebuildConnectionsError } from './rebuild.errors';

const tables = ['rm_orders', 'rm_positions', 'rm_daily_pnl', 'rm_strategies'] as const;

/** Every row of the read models as SQLite stores it, and every index of their tables. */
function snapshot(t: TempEventDatabase) {
  const rows = Object.fromEntries(tables.map((table) => [table, t.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).raw(true).all()]));
  const indexes = t.db.prepare(`SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'rm_%' ORDER BY name`).all() as { tbl_name: string; name: string; sql: string | null }[];
  return { rows, indexes };
}

describe('rebuilding the trading read models', () => {
  let t: TempEventDatabase;
  let dataSource: DataSource;
  let projections: ProjectionSubscriber[];
  let live: ReturnType<typeof snapshot>;
  const open = async (): Promise<void> => {
    dataSource = await openReadModelDataSource(t.db, tradingReadModelEntities);
    projections = tradingProjections().map((p) => new ProjectionSubscriber(p, t.db, () => t.clock.now()));
  };
  /** What live delivery does: each projection gets the events it takes, one transaction per event. */
  const applyLive = (from: number): void => {
    for (const event of t.store.readAll(from)) {
      for (const projection of projections) if (projection.eventTypes?.includes(event.type)) projection.applyBatch([event], event.position);
    }
  };
  beforeEach(async () => {
    t = tempEventDatabase();
    await t.store.appendBatch(tradingLog(40));
    await open();
    applyLive(1);
    live = snapshot(t);
  });
  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    t.cleanup();
  });

  it.each([
    // Batches of 7 split orders and a day's fills across transactions.
    ['batches of 7', 7, Number.POSITIVE_INFINITY],
    // One batch: 40 orders, written 32 rows per statement and then one by one.
    ['one batch', 1_000, Number.POSITIVE_INFINITY],
    // The same, read by the store's page reader on its thread.
    ['batches of 7, read ahead', 7, 0],
    ['one batch, read ahead', 1_000, 0],
  ])('writes the same bytes as the live projections, and leaves the same indexes (%s)', async (_, batchSize, readAheadFrom) => {
    expect(live.rows['rm_orders']).toHaveLength(40);
    expect(live.indexes.filter((index) => index.sql !== null).map((index) => index.tbl_name)).toEqual(['rm_orders', 'rm_orders', 'rm_orders']);
    const position = t.store.lastPosition();
    expect(await rebuildProjections(projections, t.store, { batchSize, readAheadFrom })).toBe(position);
    expect(snapshot(t)).toEqual(live);
    const checkpoints = t.db.prepare(`SELECT subscriber, position FROM checkpoints WHERE subscriber LIKE 'rm-%' ORDER BY subscriber`).all();
    expect(checkpoints).toEqual(['rm-orders', 'rm-positions', 'rm-strategies'].map((subscriber) => ({ subscriber, position })));
  });

  describe('reading ahead on the store’s page-reader thread', () => {
    /** The readers the store handed out, with the pages each gave and whether it was closed. */
    const opened: EventPagesAhead[] = [];
    const watchReaders = () => {
      opened.length = 0;
      type Seen = { pages: number; closed: boolean; from?: number };
      const readers: Seen[] = [];
      const pagesAhead = t.store.pagesAhead.bind(t.store);
      jest.spyOn(t.store, 'pagesAhead').mockImplementation(() => {
        const reader = pagesAhead();
        if (!reader) return reader;
        const seen: Seen = { pages: 0, closed: false };
        readers.push(seen);
        opened.push(reader);
        return {
          async *pages(...args: Parameters<EventPagesAhead['pages']>) {
            seen.from = args[0];
            for await (const page of reader.pages(...args)) {
              seen.pages += 1;
              yield page;
            }
          },
          close: async () => {
            seen.closed = true;
            await reader.close();
          },
        };
      });
      return readers;
    };

    it('reads a log at least readAheadFrom long on it, catches up on what is appended meanwhile, and closes it', async () => {
      const readers = watchReaders();
      const first = t.store.lastPosition();
      // The next five orders of the same log (its last append, the strategy switched off, is stored already).
      const stored = new Set(tradingLog(40).map((append) => append.events[0]?.eventId));
      const later = tradingLog(45).filter((append) => !stored.has(append.events[0]?.eventId));
      let appending: Promise<unknown> | undefined;
      const reached = await rebuildProjections(projections, t.store, {
        batchSize: 25,
        readAheadFrom: first,
        inlineHead: 0,
        onProgress: () => {
          // Appended while the rebuild runs: read in a second pass, inline (fewer than readAheadFrom).
          appending ??= t.store.appendBatch(later);
        },
      });
      await appending;
      expect(later.length).toBeGreaterThan(20);
      expect(readers).toEqual([{ from: 1, pages: Math.ceil((first + 1) / 25), closed: true }]);
      expect(reached).toBe(t.store.lastPosition());
      expect(reached).toBeGreaterThan(first);
      const rebuilt = snapshot(t);
      expect(rebuilt.rows['rm_orders']).toHaveLength(45);
      // What an inline rebuild of the whole log writes (the same bytes as live delivery: see above).
      await rebuildProjections(projections, t.store, { readAheadFrom: Number.POSITIVE_INFINITY });
      expect(rebuilt).toEqual(snapshot(t));
    });

    it('reads the first batches inline while the thread starts, the rest on it, to the same rows', async () => {
      const readers = watchReaders();
      const target = t.store.lastPosition();
      const progress: RebuildProgress[] = [];
      const reached = await rebuildProjections(projections, t.store, { batchSize: 25, readAheadFrom: 0, inlineHead: 60, onProgress: (p) => progress.push(p) });
      expect(reached).toBe(target);
      // Asked for from just past the head: 60 positions in three batches (25, 25, 10) read here.
      expect(readers).toEqual([{ from: 61, pages: Math.ceil((target - 60 + 1) / 25), closed: true }]);
      const orders = progress.filter((p) => p.projection === 'rm-orders');
      expect(orders.slice(0, 3).map((p) => p.position)).toEqual([25, 50, 60]);
      // Progress counts towards the whole rebuild, head included.
      expect(new Set(progress.map((p) => p.target))).toEqual(new Set([target]));
      expect(snapshot(t)).toEqual(live);
    });

    it('reads at most half a range inline by default, however few its batches', async () => {
      const readers = watchReaders();
      const target = t.store.lastPosition();
      await rebuildProjections(projections, t.store, { batchSize: 25, readAheadFrom: 0 });
      expect(readers[0]?.from).toBe(Math.floor(target / 2) + 1);
      expect(snapshot(t)).toEqual(live);
    });

    it('reads inline a log shorter than readAheadFrom, without starting the thread', async () => {
      const readers = watchReaders();
      await rebuildProjections(projections, t.store, { batchSize: 25, readAheadFrom: t.store.lastPosition() + 1 });
      expect(readers).toEqual([]);
      expect(snapshot(t)).toEqual(live);
    });

    it('reads on inline when the reader thread fails midway, to the same rows', async () => {
      const readers = watchReaders();
      let failed = false;
      const reported: { position: number; error: string }[] = [];
      await rebuildProjections(projections, t.store, {
        batchSize: 25,
        readAheadFrom: 0,
        onReadAheadFailed: ({ position, error }) => reported.push({ position, error: error.message }),
        onProgress: (progress) => {
          // A fault injected after the second batch: the thread ends under the reader.
          if (!failed && progress.position >= 50) {
            failed = true;
            void opened[0]?.close();
          }
        },
      });
      expect(failed).toBe(true);
      expect(readers[0]?.pages).toBeLessThan(Math.ceil(t.store.lastPosition() / 25));
      // Reported once, with where the inline reading took over.
      expect(reported).toEqual([{ position: expect.any(Number), error: 'Reading the event log ahead failed: the reader was closed' }]);
      expect(reported[0]?.position).toBeGreaterThanOrEqual(50);
      expect(snapshot(t)).toEqual(live);
    });

    it('closes it when the rebuild fails, and recreates the indexes', async () => {
      const readers = watchReaders();
      const failure = new Error('progress listener failed');
      const failing = rebuildProjections(projections, t.store, {
        batchSize: 25,
        readAheadFrom: 0,
        inlineHead: 0,
        onProgress: () => {
          throw failure;
        },
      });
      await expect(failing).rejects.toBe(failure);
      expect(readers).toEqual([{ from: 1, pages: 1, closed: true }]);
      expect(snapshot(t).indexes).toEqual(live.indexes);
    });

    it('closes it when the rebuild fails in the head, its first page still awaited, and leaves no rejection unhandled', async () => {
      const readers = watchReaders();
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const failure = new Error('progress listener failed');
        const failing = rebuildProjections(projections, t.store, {
          batchSize: 25,
          readAheadFrom: 0,
          inlineHead: 50,
          onProgress: () => {
            throw failure;
          },
        });
        await expect(failing).rejects.toBe(failure);
        // A few turns of the event loop, for a rejection of the awaited first page to surface.
        for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        expect(readers).toEqual([{ from: 51, pages: 0, closed: true }]);
        expect(unhandled).toEqual([]);
        expect(snapshot(t).indexes).toEqual(live.indexes);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });

  it('has no secondary index while it refills the tables, and recreates them in the end', async () => {
    const during: number[] = [];
    const count = () => t.db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'rm_%'`).pluck().get() as number;
    await rebuildProjections(projections, t.store, { batchSize: 50, onProgress: () => during.push(count()) });
    expect(new Set(during)).toEqual(new Set([0]));
    expect(count()).toBe(3);
  });

  it('recreates the indexes when the rebuild fails, and rethrows its error', async () => {
    const failure = new Error('progress listener failed');
    await expect(
      rebuildProjections(projections, t.store, {
        batchSize: 50,
        onProgress: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(snapshot(t).indexes).toEqual(live.indexes);
  });

  it('refuses projections on different connections, before it empties anything', async () => {
    const other = tempEventDatabase();
    const otherDataSource = await openReadModelDataSource(other.db, tradingReadModelEntities);
    try {
      const [orders] = tradingProjections();
      const stranger = new ProjectionSubscriber(orders, other.db, () => other.clock.now());
      await expect(rebuildProjections([...projections, stranger], t.store)).rejects.toThrow(RebuildConnectionsError);
      expect(snapshot(t)).toEqual(live);
    } finally {
      await otherDataSource.destroy();
      other.cleanup();
    }
  });

  it('after dying midway, the next start has the indexes back and catches up to the same rows', async () => {
    // The connection closes after the first batch committed: what is on disk is what a crash leaves.
    const failed = rebuildProjections(projections, t.store, { batchSize: 50, onProgress: () => t.db.open && t.db.close() });
    await expect(failed).rejects.toThrow(AggregateError);
    // Both causes are in the message: a test runner or a log prints an AggregateError's message alone.
    await expect(failed).rejects.toThrow(/failed \(.*not open.*\), and so did recreating their indexes \(.*not open.*\)/);
    await dataSource.destroy();
    t = t.reopen();
    expect(t.db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'rm_%'`).pluck().get()).toBe(0);
    const checkpoint = t.db.prepare(`SELECT position FROM checkpoints WHERE subscriber = 'rm-orders'`).pluck().get() as number;
    expect(checkpoint).toBe(50);

    await open();
    expect(snapshot(t).indexes).toEqual(live.indexes);
    applyLive(checkpoint + 1);
    expect(snapshot(t)).toEqual(live);
  });
});
