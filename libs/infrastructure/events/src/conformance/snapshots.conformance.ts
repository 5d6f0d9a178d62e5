import { ConcurrencyError, DeciderRepository, Snapshot } from '@trader/application';
import { EventStoreRuntime } from '../event-store-runtime';
import { counterDecider, CounterCommand, CounterEvent, CounterLimitError, CounterState } from '../test-support/counter-decider';
import { ConformanceContext } from './conformance-context';

const snapshot = (streamVersion: number, schemaVersion = 1, state = `{"total":${streamVersion}}`): Snapshot => ({
  streamId: 'counter-a',
  aggregateType: 'counter',
  streamVersion,
  schemaVersion,
  state,
  takenAt: 1_000 + streamVersion,
});

/**
 * The runtime's snapshot store, and `DeciderRepository` (in @trader/application, it needs only the
 * ports) over the store and its snapshots: what every aggregate of the app does.
 */
export function snapshotsConformance(t: ConformanceContext): void {
  describe('snapshots', () => {
    it('saves and loads a snapshot; an older one never replaces a newer one, a new schema version does', async () => {
      const { snapshots } = t.open();
      expect(snapshots.load('counter-a')).toBeUndefined();
      await snapshots.save(snapshot(6));
      expect(snapshots.load('counter-a')).toEqual(snapshot(6));
      await snapshots.save(snapshot(4));
      await snapshots.save(snapshot(6, 1, '{"total":"replaced"}'));
      expect(snapshots.load('counter-a')).toEqual(snapshot(6));
      await snapshots.save(snapshot(9));
      expect(snapshots.load('counter-a')).toEqual(snapshot(9));
      // A snapshot of another schema version replaces it whatever its stream version: the old state cannot be read.
      await snapshots.save(snapshot(3, 2));
      expect(snapshots.load('counter-a')).toEqual(snapshot(3, 2));
      expect(snapshots.load('counter-b')).toBeUndefined();
    });

    describe('DeciderRepository over the store and its snapshots', () => {
      let runtime: EventStoreRuntime;
      beforeEach(() => {
        runtime = t.open();
      });

      function repository(snapshotEvery?: number, schemaVersion = 1): DeciderRepository<CounterCommand, CounterEvent, CounterState> {
        let ids = 0;
        return new DeciderRepository({
          aggregateType: 'counter',
          decider: counterDecider,
          store: runtime.store,
          now: () => t.clock.now(),
          newEventId: () => `evt-${schemaVersion}-${(ids += 1)}`,
          ...(snapshotEvery ? { snapshots: { store: runtime.snapshots, every: snapshotEvery, schemaVersion } } : {}),
        });
      }

      it('loads by folding the stream and saves what decide returned', async () => {
        const { store } = runtime;
        const repo = repository();
        await repo.handle('a', { kind: 'increase', by: 5 });
        const second = await repo.handle('a', { kind: 'increase', by: 7 }, { correlationId: 'corr-1' });
        expect(second).toMatchObject({ id: 'a', version: 2, state: { total: 12, changes: 2 }, duplicate: false });
        expect(await repo.load('a')).toEqual({ id: 'a', version: 2, state: { total: 12, changes: 2 } });
        expect([...store.readStream('counter-a')][1]?.metadata.correlationId).toBe('corr-1');
        await expect(repo.handle('a', { kind: 'increase', by: 5_000 })).rejects.toBeInstanceOf(CounterLimitError);
        expect(store.streamVersion('counter-a')).toBe(2);
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
        expect(runtime.store.streamVersion('counter-a')).toBe(1);
      });

      it('takes a snapshot every N events and loads from it without reading the older events', async () => {
        const { snapshots, db } = runtime;
        const repo = repository(3);
        for (let i = 0; i < 7; i += 1) await repo.handle('a', { kind: 'increase', by: 1 });
        expect(snapshots.load('counter-a')).toMatchObject({ streamVersion: 6, schemaVersion: 1 });
        // Destroying the events the snapshot covers proves that loading does not read them.
        db.prepare("UPDATE events SET payload = 'garbage' WHERE stream_version <= 6").run();
        expect(await repo.load('a')).toEqual({ id: 'a', version: 7, state: { total: 7, changes: 7 } });
        // A repository of another snapshot schema version cannot use it, folds the stream and meets the garbage.
        await expect(repository(3, 2).load('a')).rejects.toMatchObject({ code: 'EVENT_CORRUPT', position: 1 });
      });
    });
  });
}
