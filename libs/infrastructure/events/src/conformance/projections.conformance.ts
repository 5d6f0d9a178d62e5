import { eventually } from '@trader/runtime';
import { EventStoreRuntime } from '../event-store-runtime';
import { RebuildProgress } from '../projections/projection';
import { rebuildProjection } from '../projections/rebuild-projection';
import { secondaryIndexes } from '../projections/secondary-indexes';
import { tradingProjections, tradingReadModelEntities } from '../read-models/trading-read-models';
import { StreamCountRow, streamCountProjection } from '../test-support/stream-count.projection';
import { sampleEvents } from '../test-support/temp-event-database';
import { tradingLog } from '../test-support/trading-log';
import { ConformanceContext } from './conformance-context';

const tradingTables = ['rm_orders', 'rm_positions', 'rm_daily_pnl', 'rm_strategies'] as const;

/** The read models' rows through TypeORM (as the API reads them), in one order on both databases. */
async function streamCounts(runtime: EventStoreRuntime): Promise<StreamCountRow[]> {
  const dataSource = await runtime.readModelDataSource();
  return dataSource.getRepository(StreamCountRow).find({ order: { streamId: 'ASC' } });
}

/** Every row of the trading read models, as the database returns them. */
function tradingRows(runtime: EventStoreRuntime): Record<string, unknown[]> {
  return Object.fromEntries(tradingTables.map((table) => [table, runtime.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).raw(true).all()]));
}

/** Projections (read model + checkpoint in one transaction) live through the lanes, and rebuilt from position 0. */
export function projectionsConformance(t: ConformanceContext, pageReader: boolean): void {
  describe('projections', () => {
    const open = (): EventStoreRuntime => t.open({ readModelEntities: [StreamCountRow] });

    it('writes the read model and its checkpoint in one transaction, once per event even when an apply fails', async () => {
      const runtime = open();
      await runtime.addProjection(streamCountProjection('counts', new Set(['a-1'])));
      runtime.start();
      await runtime.publishing.append('a', 'any', sampleEvents('a', 3));
      await runtime.publishing.append('b', 'any', sampleEvents('b', 2));
      await eventually(() => expect(runtime.checkpoints.position('counts')).toBe(5));
      expect(await streamCounts(runtime)).toEqual([
        { streamId: 'a', events: 3, lastVersion: 3 },
        { streamId: 'b', events: 2, lastVersion: 2 },
      ]);
      expect(runtime.dispatcher.stats().handlers[0]).toMatchObject({ handled: 5, failed: 1, retried: 1, parked: 0 });
    });

    it('commits a batch of rows and its checkpoint together: a failure midway leaves neither', async () => {
      const runtime = open();
      await runtime.store.append('a', 'any', sampleEvents('a', 3));
      await runtime.store.append('b', 'any', sampleEvents('b', 2));
      const events = [...runtime.store.readAll(1)];
      const projection = await runtime.addProjection(streamCountProjection('counts', new Set(['b-0'])));

      expect(() => projection.applyBatch(events, 5)).toThrow('injected failure on b-0');
      expect(await streamCounts(runtime)).toEqual([]);
      expect(runtime.checkpoints.position('counts')).toBe(0);

      projection.applyBatch(events, 5);
      expect(await streamCounts(runtime)).toEqual([
        { streamId: 'a', events: 3, lastVersion: 3 },
        { streamId: 'b', events: 2, lastVersion: 2 },
      ]);
      expect(runtime.checkpoints.position('counts')).toBe(5);
    });

    it('applies a backlog in batches, one transaction per batch', async () => {
      const runtime = open();
      for (let i = 0; i < 6; i += 1) await runtime.store.append(`s${i % 2}`, 'any', sampleEvents(`e${i}`, 100));
      const projection = await runtime.addProjection(streamCountProjection('counts'));
      const batchSizes: number[] = [];
      const applyBatch = projection.handleBatch.bind(projection);
      projection.handleBatch = async (events, checkpoint) => {
        batchSizes.push(events.length);
        await applyBatch(events, checkpoint);
      };
      runtime.start();
      await eventually(() => expect(runtime.checkpoints.position('counts')).toBe(600));
      expect(await streamCounts(runtime)).toEqual([
        { streamId: 's0', events: 300, lastVersion: 300 },
        { streamId: 's1', events: 300, lastVersion: 300 },
      ]);
      // A medium-config lane takes batches of at most 64 events, so a higher lane never waits long behind one.
      expect(batchSizes).toEqual([...Array<number>(9).fill(64), 24]);
    });

    it('rebuilds from position 0 to the same read model while live deliveries wait, reporting progress', async () => {
      const runtime = open();
      await runtime.addProjection(streamCountProjection('counts'));
      runtime.start();
      for (let i = 0; i < 25; i += 1) await runtime.publishing.append(`s${i % 4}`, 'any', sampleEvents(`e${i}`, 10));
      await eventually(() => expect(runtime.checkpoints.position('counts')).toBe(250));
      const live = await streamCounts(runtime);
      const progress: RebuildProgress[] = [];
      expect(await runtime.rebuild('counts', (p) => progress.push(p), { batchSize: 100 })).toBe(250);
      expect(await streamCounts(runtime)).toEqual(live);
      expect(progress).toEqual([
        { projection: 'counts', processed: 100, position: 100, target: 250 },
        { projection: 'counts', processed: 200, position: 200, target: 250 },
        { projection: 'counts', processed: 250, position: 250, target: 250 },
      ]);
      await runtime.publishing.append('s0', 'any', sampleEvents('after', 1));
      await eventually(async () => expect((await streamCounts(runtime))[0]).toEqual({ ...live[0], events: (live[0] as StreamCountRow).events + 1, lastVersion: 71 }));
    });

    // Inline, and, where the store has a page reader (SQLite), on its thread even for a short log, all of
    // it (no inline head: its batches would end where the thread's reading starts).
    const readings: ReadonlyArray<readonly [string, number]> = [
      ['read inline', Number.POSITIVE_INFINITY],
      ...(pageReader ? [['read ahead on the store’s reader thread', 0] as const] : []),
    ];

    it.each(readings)('rebuilds from the events of its types only, and moves its checkpoint past the others (%s)', async (_reading, readAheadFrom) => {
      const runtime = open();
      await runtime.store.append('a', 'any', sampleEvents('a', 3, 'Counted'));
      await runtime.store.append('b', 'any', sampleEvents('b', 4, 'Ignored'));
      await runtime.store.append('a', 'any', sampleEvents('c', 2, 'Counted'));
      await runtime.store.append('b', 'any', sampleEvents('d', 1, 'Ignored'));
      const projection = await runtime.addProjection({ ...streamCountProjection('counts'), eventTypes: ['Counted'] });
      const progress: RebuildProgress[] = [];

      expect(await rebuildProjection(projection, runtime.store, { batchSize: 2, readAheadFrom, inlineHead: 0, onProgress: (p) => progress.push(p) })).toBe(10);

      expect(await streamCounts(runtime)).toEqual([{ streamId: 'a', events: 5, lastVersion: 5 }]);
      expect(runtime.checkpoints.position('counts')).toBe(10);
      expect(progress.map((p) => [p.processed, p.position])).toEqual([
        [2, 2],
        [4, 8],
        [5, 10],
      ]);
    });

    it.each(readings)('rebuilds the trading read models to the rows the live lanes wrote, with their indexes back (%s)', async (_reading, readAheadFrom) => {
      const runtime = t.open({ readModelEntities: [...tradingReadModelEntities] });
      const names: string[] = [];
      for (const projection of tradingProjections()) names.push((await runtime.addProjection(projection)).name);
      runtime.start();
      // One append per event, as the app commits them: the live lanes see them in small chunks.
      for (const append of tradingLog(40)) await runtime.publishing.appendBatch([append]);
      const last = runtime.store.lastPosition();
      for (const name of names) await runtime.dispatcher.whenCaughtUp(name, last, 10_000);
      // A projection whose statements fail parks every event and still catches up: no letter, or the rows mean nothing.
      expect(runtime.dispatcher.listParked()).toEqual([]);
      const live = tradingRows(runtime);
      const indexes = secondaryIndexes(runtime.db, tradingTables);
      expect(live['rm_orders']).toHaveLength(40);
      expect(live['rm_positions']).toHaveLength(3);
      expect(live['rm_strategies']).toHaveLength(1);
      expect((live['rm_daily_pnl'] as unknown[]).length).toBeGreaterThan(1);
      expect(indexes.length).toBeGreaterThan(0);

      expect(await runtime.rebuildAll(names, undefined, { batchSize: 7, readAheadFrom, inlineHead: 0 })).toBe(last);
      expect(tradingRows(runtime)).toEqual(live);
      expect(secondaryIndexes(runtime.db, tradingTables)).toEqual(indexes);
      for (const name of names) expect(runtime.checkpoints.position(name)).toBe(last);
    }, 20_000);
  });
}
