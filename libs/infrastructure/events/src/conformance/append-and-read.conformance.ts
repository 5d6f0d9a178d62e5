import { ConcurrencyError } from '@trader/application';
import { TransactionInProgressError } from '../database/database.errors';
import {
  CorruptEventError,
  DuplicateEventIdError,
  EventSerializationError,
  InvalidAppendError,
  UnknownEventTypeError,
  UnsupportedSchemaVersionError,
} from '../store/event-store.errors';
import { sampleEvents } from '../test-support/temp-event-database';
import { ConformanceContext } from './conformance-context';

const chain = (prefix: string, correlationId: string, count: number): { eventId: string; type: string; data: { n: number }; metadata: { correlationId: string } }[] =>
  sampleEvents(prefix, count).map((event) => ({ ...event, metadata: { correlationId } }));

/** Appends, expected versions, idempotency, batches, bad input and every reader of the store. */
export function appendAndReadConformance(t: ConformanceContext): void {
  describe('appending and reading', () => {
    it('appends events with stream versions and global positions and reads them back', async () => {
      const { store } = t.open();
      const first = await store.append('order-1', 'no_stream', sampleEvents('a', 2), undefined);
      const second = await store.append('order-2', 'any', sampleEvents('b', 1));
      t.clock.advance(5);
      const third = await store.append('order-1', 2, [
        { eventId: 'a-2', type: 'OrderFilled', data: { price: '100.5' }, metadata: { correlationId: 'c1', causationId: 'cmd-9', sourceTimestamps: { venue: 42 } } },
      ]);
      expect(first).toEqual({ streamId: 'order-1', nextExpectedVersion: 2, lastPosition: 2, appended: 2, duplicate: false });
      expect(second).toEqual({ streamId: 'order-2', nextExpectedVersion: 1, lastPosition: 3, appended: 1, duplicate: false });
      expect(third).toEqual({ streamId: 'order-1', nextExpectedVersion: 3, lastPosition: 4, appended: 1, duplicate: false });
      const stream = [...store.readStream('order-1')];
      expect(stream.map((e) => [e.position, e.streamVersion, e.eventId, e.metadata.recordedAt])).toEqual([
        [1, 1, 'a-0', 1_700_000_000_000],
        [2, 2, 'a-1', 1_700_000_000_000],
        [4, 3, 'a-2', 1_700_000_000_005],
      ]);
      expect(stream[2]).toEqual({
        position: 4,
        streamId: 'order-1',
        streamVersion: 3,
        eventId: 'a-2',
        type: 'OrderFilled',
        schemaVersion: 1,
        data: { price: '100.5' },
        metadata: { correlationId: 'c1', causationId: 'cmd-9', sourceTimestamps: { venue: 42 }, recordedAt: 1_700_000_000_005 },
      });
      expect([...store.readStream('order-1', 3)].map((e) => e.eventId)).toEqual(['a-2']);
      expect(store.streamVersion('order-1')).toBe(3);
      expect(store.streamVersion('nothing')).toBe(0);
      expect(store.lastPosition()).toBe(4);
      expect(store.stats()).toMatchObject({ events: 4, streams: 2, lastPosition: 4 });
      expect(store.stats().databaseBytes).toBeGreaterThan(0);
    });

    it('hands the committed envelopes to appendAndNotify, as they read back', async () => {
      const { store } = t.open();
      await store.append('a', 'any', sampleEvents('a', 1));
      const notified: unknown[] = [];
      const done = await store.appendAndNotify(
        [
          { streamId: 'b', expectedVersion: 'no_stream', events: sampleEvents('b', 2) },
          { streamId: 'a', expectedVersion: 1, events: [...sampleEvents('a', 1), ...sampleEvents('a2', 1)] },
        ],
        undefined,
        (committed) => notified.push(...committed),
      );
      expect(done.results.map((r) => [r.streamId, r.nextExpectedVersion, r.lastPosition, r.appended])).toEqual([
        ['b', 2, 3, 2],
        ['a', 2, 4, 1],
      ]);
      // The replayed a-0 is not committed again, so it is not notified again.
      expect(notified).toEqual([...store.readAll(2)]);
    });

    it('checks the expected version (no_stream, a number, any) and writes nothing on a ConcurrencyError', async () => {
      const { store } = t.open();
      await store.append('s', 'no_stream', sampleEvents('a', 2));
      await expect(store.append('s', 1, sampleEvents('b', 3))).rejects.toMatchObject({
        constructor: ConcurrencyError,
        streamId: 's',
        expectedVersion: 1,
        actualVersion: 2,
      });
      await expect(store.append('s', 'no_stream', sampleEvents('c', 1))).rejects.toMatchObject({ constructor: ConcurrencyError, actualVersion: 2 });
      await expect(store.append('fresh', 3, sampleEvents('d', 1))).rejects.toMatchObject({ constructor: ConcurrencyError, actualVersion: 0 });
      expect(store.stats().events).toBe(2);
      expect(await store.append('fresh', 0, sampleEvents('d', 1))).toMatchObject({ nextExpectedVersion: 1, lastPosition: 3 });
      expect(await store.append('s', 2, sampleEvents('b', 1))).toMatchObject({ nextExpectedVersion: 3, lastPosition: 4 });
      expect(await store.append('s', 'any', sampleEvents('e', 1))).toMatchObject({ nextExpectedVersion: 4, lastPosition: 5 });
      await expect(store.append('s', -1, sampleEvents('f', 1))).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.append('s', 1.5, sampleEvents('f', 1))).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.append('', 'any', sampleEvents('f', 1))).rejects.toBeInstanceOf(InvalidAppendError);
      expect([...store.readAll()].map((e) => e.eventId)).toEqual(['a-0', 'a-1', 'd-0', 'b-0', 'e-0']);
    });

    it('treats an already stored event id as a no-op, also for a retried command with its old expected version', async () => {
      const { store } = t.open();
      await store.append('s', 'no_stream', sampleEvents('a', 2));
      const retried = await store.append('s', 'no_stream', sampleEvents('a', 2));
      expect(retried).toEqual({ streamId: 's', nextExpectedVersion: 2, lastPosition: 2, appended: 0, duplicate: true });
      // A replay with a stale version that also brings a new event is a conflict, not a replay.
      await expect(store.append('s', 'no_stream', [...sampleEvents('a', 1), ...sampleEvents('new', 1)])).rejects.toBeInstanceOf(ConcurrencyError);
      const mixed = await store.append('s', 'any', [...sampleEvents('a', 1), ...sampleEvents('new', 1)]);
      expect(mixed).toEqual({ streamId: 's', nextExpectedVersion: 3, lastPosition: 3, appended: 1, duplicate: false });
      expect([...store.readAll()].map((e) => [e.eventId, e.streamVersion])).toEqual([
        ['a-0', 1],
        ['a-1', 2],
        ['new-0', 3],
      ]);
    });

    it('refuses an event id already stored in another stream, writing nothing of the append or its batch', async () => {
      const { store } = t.open();
      await store.append('s1', 'any', sampleEvents('a', 1));
      await expect(store.append('s2', 'any', [...sampleEvents('x', 1), ...sampleEvents('a', 1)])).rejects.toMatchObject({
        constructor: DuplicateEventIdError,
        eventId: 'a-0',
        streamId: 's2',
        storedInStreamId: 's1',
      });
      // A stale replay into the wrong stream is the same refusal, not a silent no-op.
      await expect(store.append('s2', 'no_stream', sampleEvents('a', 1))).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        store.appendBatch([
          { streamId: 's3', expectedVersion: 'any', events: sampleEvents('y', 1) },
          { streamId: 's4', expectedVersion: 'any', events: sampleEvents('a', 1) },
        ]),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect([store.streamVersion('s2'), store.streamVersion('s3'), store.lastPosition()]).toEqual([0, 0, 1]);
    });

    it('commits a multi-stream batch atomically', async () => {
      const { store } = t.open();
      await store.append('b', 'any', sampleEvents('b', 1));
      await expect(
        store.appendBatch([
          { streamId: 'a', expectedVersion: 'no_stream', events: sampleEvents('a', 3) },
          { streamId: 'b', expectedVersion: 'no_stream', events: sampleEvents('b2', 1) },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect([store.streamVersion('a'), store.lastPosition()]).toEqual([0, 1]);
      const ok = await store.appendBatch([
        { streamId: 'a', expectedVersion: 'no_stream', events: sampleEvents('a', 3) },
        { streamId: 'b', expectedVersion: 1, events: sampleEvents('b2', 1) },
        // The same stream twice in one batch: the second append sees the first one's version.
        { streamId: 'a', expectedVersion: 3, events: sampleEvents('a2', 1) },
      ]);
      expect(ok.results.map((r) => [r.streamId, r.nextExpectedVersion, r.lastPosition])).toEqual([
        ['a', 3, 4],
        ['b', 2, 5],
        ['a', 4, 6],
      ]);
      expect([...store.readStream('a')].map((e) => e.eventId)).toEqual(['a-0', 'a-1', 'a-2', 'a2-0']);
    });

    it('names the stream and event when a payload cannot be serialised, and writes nothing of that append', async () => {
      const { store } = t.open();
      const circular: Record<string, unknown> = {};
      circular['self'] = circular;
      await expect(store.append('s', 'any', [...sampleEvents('ok', 1), { eventId: 'bad-1', type: 'Broken', data: circular }])).rejects.toMatchObject({
        constructor: EventSerializationError,
        streamId: 's',
        eventId: 'bad-1',
        eventType: 'Broken',
      });
      await expect(store.append('s', 'any', [{ eventId: 'big', type: 'Broken', data: { n: BigInt(1) } }])).rejects.toBeInstanceOf(EventSerializationError);
      await expect(store.append('s', 'any', [{ eventId: 'undef', type: 'Broken', data: undefined }])).rejects.toBeInstanceOf(EventSerializationError);
      await expect(store.append('s', 'any', [{ eventId: '', type: 'Broken', data: {} }])).rejects.toBeInstanceOf(EventSerializationError);
      await expect(store.append('s', 'any', [{ eventId: 'v0', type: 'Broken', schemaVersion: 0, data: {} }])).rejects.toBeInstanceOf(EventSerializationError);
      await expect(
        store.appendBatch([
          { streamId: 'other', expectedVersion: 'any', events: sampleEvents('fine', 1) },
          { streamId: 's', expectedVersion: 'any', events: [{ eventId: 'cyc', type: 'Broken', data: circular }] },
        ]),
      ).rejects.toBeInstanceOf(EventSerializationError);
      expect(store.stats().events).toBe(0);
      await store.append('s', 'any', sampleEvents('ok', 1));
      expect(store.streamVersion('s')).toBe(1);
    });

    it('refuses an append while the caller holds a transaction on the connection, and appends after it', async () => {
      const runtime = t.open();
      let refused: Promise<unknown> = Promise.resolve();
      runtime.db.transaction(() => {
        refused = runtime.store.append('a', 'any', sampleEvents('a', 1));
      })();
      await expect(refused).rejects.toBeInstanceOf(TransactionInProgressError);
      expect(runtime.store.lastPosition()).toBe(0);
      await runtime.store.append('a', 'any', sampleEvents('a', 1));
      expect(runtime.store.lastPosition()).toBe(1);
    });

    it('stores full-durability appends (asked for, or by type) like the others', async () => {
      const { store } = t.open({ fullDurabilityTypes: ['OrderFilled'] });
      await store.append('o', 'any', sampleEvents('full', 1), { durability: 'full' });
      await store.append('o', 1, sampleEvents('fill', 2, 'OrderFilled'));
      await store.append('o', 3, sampleEvents('normal', 1));
      expect([...store.readStream('o')].map((e) => [e.streamVersion, e.eventId])).toEqual([
        [1, 'full-0'],
        [2, 'fill-0'],
        [3, 'fill-1'],
        [4, 'normal-0'],
      ]);
    });
  });

  describe('readers', () => {
    it('reads all events lazily in pages from a position, with a limit', async () => {
      const { store } = t.open();
      for (let i = 0; i < 12; i += 1) await store.append(`s${i % 3}`, 'any', sampleEvents(`e${i}`, 100));
      const positions = [...store.readAll(250, 600)].map((e) => e.position);
      expect(positions).toHaveLength(600);
      expect(positions[0]).toBe(250);
      expect(positions[599]).toBe(849);
      expect(positions.every((p, i) => i === 0 || p === (positions[i - 1] as number) + 1)).toBe(true);
      expect([...store.readAll(1)]).toHaveLength(1_200);
      const iterator = store.readAll(1)[Symbol.iterator]();
      expect(iterator.next().value).toMatchObject({ position: 1 });
      expect([...store.readAll(1_201)]).toEqual([]);
      expect([...store.readAll(1_200, 0)]).toEqual([]);
    });

    it('reads a stream in version order from a version, across pages', async () => {
      const { store } = t.open();
      await store.append('long', 'no_stream', sampleEvents('a', 700));
      await store.append('other', 'no_stream', sampleEvents('x', 3));
      await store.append('long', 700, sampleEvents('b', 400));
      const versions = [...store.readStream('long')].map((e) => e.streamVersion);
      expect(versions).toEqual(Array.from({ length: 1_100 }, (_, i) => i + 1));
      expect([...store.readStream('long', 699)].slice(0, 3).map((e) => [e.eventId, e.position])).toEqual([
        ['a-698', 699],
        ['a-699', 700],
        ['b-0', 704],
      ]);
      expect([...store.readStream('long', 1_101)]).toEqual([]);
      expect([...store.readStream('none')]).toEqual([]);
      // At most `limit` events, across pages too.
      expect([...store.readStream('long', 1, 1)].map((e) => e.eventId)).toEqual(['a-0']);
      expect([...store.readStream('long', 699, 3)].map((e) => e.eventId)).toEqual(['a-698', 'a-699', 'b-0']);
      expect([...store.readStream('long', 2, 650)].map((e) => e.streamVersion)).toEqual(Array.from({ length: 650 }, (_, i) => i + 2));
      expect([...store.readStream('long', 1, 0)]).toEqual([]);
    }, 20_000);

    it('reads a correlation chain oldest first from a position, across pages', async () => {
      const { store } = t.open();
      await store.append('order-1', 'no_stream', chain('a', 'c1', 3));
      await store.append('order-2', 'no_stream', chain('b', 'c2', 2));
      await store.append('order-1', 3, chain('c', 'c1', 600));
      const all = [...store.readByCorrelation('c1')];
      expect(all).toHaveLength(603);
      expect(all.slice(0, 4).map((e) => e.eventId)).toEqual(['a-0', 'a-1', 'a-2', 'c-0']);
      expect(all.every((e, i) => i === 0 || e.position > (all[i - 1]?.position as number))).toBe(true);
      expect([...store.readByCorrelation('c1', 3)].slice(0, 2).map((e) => e.eventId)).toEqual(['a-2', 'c-0']);
      expect([...store.readByCorrelation('c2')].map((e) => e.eventId)).toEqual(['b-0', 'b-1']);
      expect([...store.readByCorrelation('nothing')]).toEqual([]);
    }, 20_000);

    it('reads a range of positions of some types only, in position order, with a limit', async () => {
      const { store } = t.open();
      await store.append('a', 'any', sampleEvents('a', 4, 'Kept'));
      await store.append('b', 'any', sampleEvents('b', 4, 'Skipped'));
      await store.append('a', 'any', sampleEvents('c', 4, 'Kept'));
      await store.append('c', 'any', sampleEvents('d', 2, 'AlsoKept'));
      expect([...store.readRange(2, 10, ['Kept'])].map((e) => e.eventId)).toEqual(['a-1', 'a-2', 'a-3', 'c-0', 'c-1']);
      expect([...store.readRange(2, 12, ['Kept'], 3)].map((e) => e.position)).toEqual([2, 3, 4]);
      expect([...store.readRange(1, 14, ['AlsoKept', 'Kept'])].map((e) => e.position)).toEqual([1, 2, 3, 4, 9, 10, 11, 12, 13, 14]);
      expect([...store.readRange(4, 6, undefined)].map((e) => e.eventId)).toEqual(['a-3', 'b-0', 'b-1']);
      expect([...store.readRange(1, 14, ['Nothing'])]).toEqual([]);
      expect([...store.readRange(7, 6, undefined)]).toEqual([]);
    });

    it('reads a range across pages (pages of 500), stopping at its end and at its limit', async () => {
      const { store } = t.open();
      await store.append('x', 'any', sampleEvents('a', 700, 'Kept'));
      await store.append('y', 'any', sampleEvents('b', 300, 'Skipped'));
      await store.append('x', 'any', sampleEvents('c', 600, 'Kept'));
      const range = (from: number, to: number, types: string[] | undefined, limit?: number): number[] => [...store.readRange(from, to, types, limit)].map((e) => e.position);
      const span = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      expect(range(650, 1_550, ['Kept'])).toEqual([...span(650, 700), ...span(1_001, 1_550)]);
      expect(range(650, 1_550, ['Kept'], 520)).toEqual([...span(650, 700), ...span(1_001, 1_469)]);
      expect(range(1, 1_600, undefined, 1_000)).toEqual(span(1, 1_000));
      expect(range(501, 1_000, undefined)).toEqual(span(501, 1_000));
    }, 20_000);

    it('parses the metadata of the types asked for only, giving the others their recordedAt', async () => {
      const { store } = t.open();
      const metadata = { correlationId: 'c-1', causationId: 'k-1' };
      await store.append('a', 'any', [
        { eventId: 'a-0', type: 'Read', data: {}, metadata },
        { eventId: 'a-1', type: 'Unread', data: {}, metadata },
      ]);
      const recordedAt = t.clock.now();
      expect([...store.readRange(1, 2, undefined, 10, new Set(['Read']))].map((e) => e.metadata)).toEqual([{ ...metadata, recordedAt }, { recordedAt }]);
      expect([...store.readRange(1, 2, undefined)].map((e) => e.metadata)).toEqual([
        { ...metadata, recordedAt },
        { ...metadata, recordedAt },
      ]);
    });
  });

  describe('schemas and unreadable rows', () => {
    it('upcasts old payload versions on read and writes new events at the current version', async () => {
      const before = t.open();
      await before.store.append('s', 'any', [{ eventId: 'v1', type: 'OrderPlaced', schemaVersion: 1, data: { qty: '1' } }]);
      await t.close(before);
      const { store, db } = t.open({
        schemas: [
          {
            type: 'OrderPlaced',
            currentVersion: 3,
            upcasters: {
              1: (data) => ({ ...(data as object), side: 'bid' }),
              2: (data) => {
                const { qty, ...rest } = data as { qty: string };
                return { ...rest, volume: qty };
              },
            },
          },
        ],
      });
      await store.append('s', 1, [{ eventId: 'v3', type: 'OrderPlaced', data: { volume: '2', side: 'ask' } }]);
      expect([...store.readStream('s')].map((e) => [e.schemaVersion, e.data])).toEqual([
        [3, { side: 'bid', volume: '1' }],
        [3, { volume: '2', side: 'ask' }],
      ]);
      // Stored as written: the upcast happens on every read, the row keeps version 1.
      expect(db.prepare('SELECT schema_version FROM events ORDER BY position').pluck().all()).toEqual([1, 3]);
      db.prepare('UPDATE events SET schema_version = 7 WHERE position = 2').run();
      expect(() => [...store.readStream('s')]).toThrow(expect.objectContaining({ constructor: UnsupportedSchemaVersionError, position: 2, schemaVersion: 7 }) as Error);
    });

    it('rejects an unknown event type on read when schemas are registered, naming position and stream', async () => {
      const before = t.open();
      await before.store.append('s', 'any', [{ eventId: 'x', type: 'Mystery', data: {} }]);
      await t.close(before);
      const { store } = t.open({ schemas: [{ type: 'Known', currentVersion: 1 }] });
      expect(() => [...store.readAll()]).toThrow(expect.objectContaining({ constructor: UnknownEventTypeError, position: 1, streamId: 's', eventType: 'Mystery' }) as Error);
      const lenient = t.open({ schemas: [{ type: 'Known', currentVersion: 1 }], rejectUnknownTypes: false });
      expect([...lenient.store.readAll()].map((e) => e.type)).toEqual(['Mystery']);
    });

    it('reports a corrupt row with its position and stream and still reads and appends the others', async () => {
      const { store, db } = t.open();
      await store.append('good', 'any', sampleEvents('g', 2));
      await store.append('bad', 'any', sampleEvents('b', 1));
      db.prepare("UPDATE events SET payload = '{not json' WHERE position = 3").run();
      expect(() => [...store.readStream('bad')]).toThrow(expect.objectContaining({ constructor: CorruptEventError, position: 3, streamId: 'bad' }) as Error);
      expect([...store.readStream('good')]).toHaveLength(2);
      expect([...store.readAll(1, 2)]).toHaveLength(2);
      await store.append('good', 2, sampleEvents('g2', 1));
      expect([store.streamVersion('good'), store.lastPosition()]).toEqual([3, 4]);
    });
  });
}
