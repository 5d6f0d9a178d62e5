import { ConcurrencyError, DeciderRepository } from '@trader/application';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';
import { counterDecider, CounterCommand, CounterEvent, CounterLimitError, CounterState } from '../test-support/counter-decider';
import { TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';

// The repository lives in @trader/application (it only needs the ports); this proves it over the real
// SQLite store and snapshot store.
describe('DeciderRepository over SqliteEventStore and SqliteSnapshotStore', () => {
  let t: TempEventDatabase;
  let ids: number;
  beforeEach(() => {
    t = tempEventDatabase();
    ids = 0;
  });
  afterEach(() => t.cleanup());

  function repository(snapshotEvery?: number, schemaVersion = 1): DeciderRepository<CounterCommand, CounterEvent, CounterState> {
    return new DeciderRepository({
      aggregateType: 'counter',
      decider: counterDecider,
      store: t.store,
      now: () => t.clock.now(),
      newEventId: () => `evt-${(ids += 1)}`,
      ...(snapshotEvery ? { snapshots: { store: new SqliteSnapshotStore(t.db), every: snapshotEvery, schemaVersion } } : {}),
    });
  }

  it('loads by folding the stream and saves what decide returned', async () => {
    const repo = repository();
    await repo.handle('a', { kind: 'increase', by: 5 });
    const second = await repo.handle('a', { kind: 'increase', by: 7 }, { correlationId: 'corr-1' });
    expect(second).toMatchObject({ id: 'a', version: 2, state: { total: 12, changes: 2 }, duplicate: false });
    expect(await repo.load('a')).toEqual({ id: 'a', version: 2, state: { total: 12, changes: 2 } });
    expect([...t.store.readStream('counter-a')][1].metadata.correlationId).toBe('corr-1');
    await expect(repo.handle('a', { kind: 'increase', by: 5_000 })).rejects.toBeInstanceOf(CounterLimitError);
    expect(t.store.streamVersion('counter-a')).toBe(2);
  });

  it('refuses a save on a stale version with ConcurrencyError', async () => {
    const repo = repository();
    const loaded = await repo.load('a');
    await repo.handle('a', { kind: 'increase', by: 1 });
    await expect(repo.save('a', [{ type: 'CounterIncreased', data: { by: 2 } }], loaded.version)).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await repo.load('a')).state.total).toBe(1);
  });

  it('stores a retried command once when it carries the same command id', async () => {
    const repo = repository();
    const first = await repo.handle('a', { kind: 'increase', by: 3 }, { commandId: 'cmd-1' });
    const again = await repo.handle('a', { kind: 'increase', by: 3 }, { commandId: 'cmd-1' });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, version: 1, state: { total: 3 } });
    expect(t.store.streamVersion('counter-a')).toBe(1);
  });

  it('takes a snapshot every N events and loads from it without reading the older events', async () => {
    const repo = repository(3);
    for (let i = 0; i < 7; i += 1) await repo.handle('a', { kind: 'increase', by: 1 });
    expect(new SqliteSnapshotStore(t.db).load('counter-a')).toMatchObject({ streamVersion: 6, schemaVersion: 1 });
    // Destroying the events the snapshot covers proves that loading does not read them.
    t.db.prepare("UPDATE events SET payload = 'garbage' WHERE stream_version <= 6").run();
    expect(await repo.load('a')).toEqual({ id: 'a', version: 7, state: { total: 7, changes: 7 } });
    await expect(repository(3, 2).load('a')).rejects.toMatchObject({ code: 'EVENT_CORRUPT', position: 1 });
  });
});
