import { eventually } from '@trader/runtime';
import type { DataSource } from 'typeorm';
import { EventBusFixture, eventBusFixture } from '../test-support/event-bus-fixture';
import { StreamCountRow, streamCountProjection } from '../test-support/stream-count.projection';
import { sampleEvents } from '../test-support/temp-event-database';
import { RebuildProgress } from './projection';
import { ProjectionSubscriber } from './projection-subscriber';
import { openReadModelDataSource } from './read-model-data-source.bootstrap';
import { rebuildProjection } from './rebuild-projection';

describe('ProjectionSubscriber', () => {
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

  it('writes the read model and its checkpoint in one transaction, once per event even when an apply fails', async () => {
    const projection = new ProjectionSubscriber(streamCountProjection('counts', new Set(['a-1'])), f.t.db, () => 1);
    f.dispatcher.register(projection);
    f.dispatcher.start();
    await f.publishing.append('a', 'any', sampleEvents('a', 3));
    await f.publishing.append('b', 'any', sampleEvents('b', 2));
    await eventually(() => expect(f.checkpoints.position('counts')).toBe(5));
    expect(await rows()).toEqual([
      { streamId: 'a', events: 3, lastVersion: 3 },
      { streamId: 'b', events: 2, lastVersion: 2 },
    ]);
    expect(f.dispatcher.stats().handlers[0]).toMatchObject({ handled: 5, failed: 1, retried: 1, parked: 0 });
  });

  it('commits a batch of rows and its checkpoint together: a failure midway leaves neither', async () => {
    await f.t.store.append('a', 'any', sampleEvents('a', 3));
    await f.t.store.append('b', 'any', sampleEvents('b', 2));
    const events = [...f.t.store.readAll(1)];
    const projection = new ProjectionSubscriber(streamCountProjection('counts', new Set(['b-0'])), f.t.db, () => 1);

    expect(() => projection.applyBatch(events, 5)).toThrow('injected failure on b-0');
    expect(await rows()).toEqual([]);
    expect(f.checkpoints.position('counts')).toBe(0);

    projection.applyBatch(events, 5);
    expect(await rows()).toEqual([
      { streamId: 'a', events: 3, lastVersion: 3 },
      { streamId: 'b', events: 2, lastVersion: 2 },
    ]);
    expect(f.checkpoints.position('counts')).toBe(5);
  });

  it('applies a backlog in batches, one transaction per batch', async () => {
    for (let i = 0; i < 6; i += 1) await f.t.store.append(`s${i % 2}`, 'any', sampleEvents(`e${i}`, 100));
    const projection = new ProjectionSubscriber(streamCountProjection('counts'), f.t.db, () => 1);
    const batchSizes: number[] = [];
    const applyBatch = projection.handleBatch.bind(projection);
    projection.handleBatch = async (events, checkpoint) => {
      batchSizes.push(events.length);
      await applyBatch(events, checkpoint);
    };
    f.dispatcher.register(projection);
    f.dispatcher.start();
    await eventually(() => expect(f.checkpoints.position('counts')).toBe(600));
    expect(await rows()).toEqual([
      { streamId: 's0', events: 300, lastVersion: 300 },
      { streamId: 's1', events: 300, lastVersion: 300 },
    ]);
    // A medium-config lane takes batches of at most 64 events, so a higher lane never waits long behind one.
    expect(batchSizes).toEqual([...Array<number>(9).fill(64), 24]);
  });

  it('rebuilds from position 0 to the same read model, reporting progress', async () => {
    const projection = new ProjectionSubscriber(streamCountProjection('counts'), f.t.db, () => 1);
    f.dispatcher.register(projection);
    f.dispatcher.start();
    for (let i = 0; i < 25; i += 1) await f.publishing.append(`s${i % 4}`, 'any', sampleEvents(`e${i}`, 10));
    await eventually(() => expect(f.checkpoints.position('counts')).toBe(250));
    const live = await rows();
    const progress: RebuildProgress[] = [];
    const reached = await f.dispatcher.pauseWhile('counts', () =>
      rebuildProjection(projection, f.t.store, { batchSize: 100, onProgress: (p) => progress.push(p) }),
    );
    expect(reached).toBe(250);
    expect(await rows()).toEqual(live);
    expect(progress.map((p) => p.processed)).toEqual([100, 200, 250]);
    expect(progress[2]).toEqual({ projection: 'counts', processed: 250, position: 250, target: 250 });
    await f.publishing.append('s0', 'any', sampleEvents('after', 1));
    await eventually(async () => expect((await rows())[0].events).toBe(live[0].events + 1));
  });

  it('rebuilds from the events of its types only, and moves its checkpoint past the others', async () => {
    await f.t.store.append('a', 'any', sampleEvents('a', 3, 'Counted'));
    await f.t.store.append('b', 'any', sampleEvents('b', 4, 'Ignored'));
    await f.t.store.append('a', 'any', sampleEvents('c', 2, 'Counted'));
    await f.t.store.append('b', 'any', sampleEvents('d', 1, 'Ignored'));
    const projection = new ProjectionSubscriber({ ...streamCountProjection('counts'), eventTypes: ['Counted'] }, f.t.db, () => 1);
    const progress: RebuildProgress[] = [];

    expect(await rebuildProjection(projection, f.t.store, { batchSize: 2, onProgress: (p) => progress.push(p) })).toBe(10);

    expect(await rows()).toEqual([{ streamId: 'a', events: 5, lastVersion: 5 }]);
    expect(f.checkpoints.position('counts')).toBe(10);
    expect(progress.map((p) => [p.processed, p.position])).toEqual([
      [2, 2],
      [4, 8],
      [5, 10],
    ]);
  });
});
