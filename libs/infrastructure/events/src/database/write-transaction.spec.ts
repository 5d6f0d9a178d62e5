import type { StoredEvent } from '@trader/application';
import { eventually } from '@trader/runtime';
import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { Projection } from '../projections/projection';
import { ProjectionSubscriber } from '../projections/projection-subscriber';
import { openReadModelDataSource } from '../projections/read-model-data-source.bootstrap';
import { EventBusFixture, eventBusFixture } from '../test-support/event-bus-fixture';
import { StreamCountRow, streamCountProjection } from '../test-support/stream-count.projection';
import { sampleEvents } from '../test-support/temp-event-database';
import { TransactionInProgressError } from './database.errors';

/** The stream-count projection, with a hook that runs in the middle of its transaction. */
function meddlingProjection(midway: (event: StoredEvent) => void, failOnce?: Set<string>): Projection {
  const inner = streamCountProjection('counts', failOnce);
  return {
    ...inner,
    open(db: Database) {
      const tables = inner.open(db);
      return {
        applyBatch(events: readonly StoredEvent[]) {
          for (const event of events) {
            tables.applyBatch([event]);
            midway(event);
          }
        },
        reset: () => tables.reset(),
      };
    },
  };
}

describe('one connection shared by the store, the projections and TypeORM', () => {
  let f: EventBusFixture;
  let dataSource: DataSource;
  beforeEach(async () => {
    f = eventBusFixture();
    dataSource = await openReadModelDataSource(f.t.db, [StreamCountRow]);
  });
  afterEach(async () => {
    await f.close();
    await dataSource.destroy();
  });

  const rows = async (): Promise<StreamCountRow[]> => dataSource.getRepository(StreamCountRow).find({ order: { streamId: 'ASC' } });
  const storedIds = (): string[] => f.t.db.prepare('SELECT event_id FROM events ORDER BY position').pluck().all() as string[];

  it('is the same SQLite connection for TypeORM and the store', async () => {
    await f.t.store.append('a', 'any', sampleEvents('a', 1));
    // A connection-local value: only the same connection sees it.
    f.t.db.prepare('CREATE TEMP TABLE marker (n INTEGER)').run();
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM temp.marker')).toEqual([{ n: 0 }]);
  });

  it('refuses an append issued while a projection is mid-update: it neither joins nor breaks the projection', async () => {
    await f.t.store.append('a', 'any', sampleEvents('a', 3));
    const refused: Promise<unknown>[] = [];
    const projection = new ProjectionSubscriber(
      meddlingProjection((event) => {
        if (event.eventId === 'a-1') refused.push(f.t.store.append('intruder', 'any', sampleEvents('intruder', 1)));
      }),
      f.t.db,
      () => 1,
    );

    projection.applyBatch([...f.t.store.readAll(1)], 3);

    await expect(refused[0]).rejects.toBeInstanceOf(TransactionInProgressError);
    expect(storedIds()).toEqual(['a-0', 'a-1', 'a-2']);
    expect(await rows()).toEqual([{ streamId: 'a', events: 3, lastVersion: 3 }]);
    expect(f.checkpoints.position('counts')).toBe(3);
  });

  it('keeps every acknowledged append while a projection fails and rolls back between them', async () => {
    const projection = new ProjectionSubscriber(streamCountProjection('counts', new Set(['w-10', 'w-25'])), f.t.db, () => 1);
    f.dispatcher.register(projection);
    f.dispatcher.start();
    const acknowledged: string[] = [];
    // Two writers race the projection's batches; each append is acknowledged once committed.
    const writer = async (name: string): Promise<void> => {
      for (let n = 0; n < 30; n += 1) {
        await f.publishing.append(`${name}-${n % 3}`, 'any', [{ eventId: `${name}-${n}`, type: 'SampleRecorded', data: { n } }]);
        acknowledged.push(`${name}-${n}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([writer('w'), writer('v')]);
    await eventually(() => expect(f.checkpoints.position('counts')).toBe(60));
    expect(new Set(storedIds())).toEqual(new Set(acknowledged));
    const counted = (await rows()).reduce((sum, row) => sum + row.events, 0);
    expect(counted).toBe(60);
  });

  it('refuses an append while a TypeORM transaction awaits on the connection, so its rollback takes no event with it', async () => {
    let refusal: unknown;
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO test_stream_counts (streamId, events, lastVersion) VALUES (?, 1, 1)', ['typeorm']);
        refusal = await f.t.store.append('a', 'any', sampleEvents('a', 1)).catch((error: unknown) => error);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    expect(refusal).toBeInstanceOf(TransactionInProgressError);
    expect(await rows()).toEqual([]);
    expect(storedIds()).toEqual([]);
    await f.t.store.append('a', 'any', sampleEvents('a', 1));
    expect(storedIds()).toEqual(['a-0']);
  });
});
