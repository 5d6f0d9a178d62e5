import { ConcurrencyError } from '@trader/application';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { sampleEvents, TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import {
  CorruptEventError,
  DuplicateEventIdError,
  EventSerializationError,
  InvalidAppendError,
  UnknownEventTypeError,
  UnsupportedSchemaVersionError,
} from './event-store.errors';
import { TransactionInProgressError } from '../database/database.errors';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore', () => {
  let t: TempEventDatabase;
  beforeEach(() => {
    t = tempEventDatabase();
  });
  afterEach(() => t.cleanup());

  it('appends events with stream versions and global positions and reads them back', async () => {
    const first = await t.store.append('order-1', 'no_stream', sampleEvents('a', 2), undefined);
    const second = await t.store.append('order-2', 'any', sampleEvents('b', 1));
    const third = await t.store.append('order-1', 2, [
      { eventId: 'a-2', type: 'OrderFilled', data: { price: '100.5' }, metadata: { correlationId: 'c1', causationId: 'cmd-9', sourceTimestamps: { venue: 42 } } },
    ]);
    expect(first).toEqual({ streamId: 'order-1', nextExpectedVersion: 2, lastPosition: 2, appended: 2, duplicate: false });
    expect(second.lastPosition).toBe(3);
    expect(third.nextExpectedVersion).toBe(3);
    const stream = [...t.store.readStream('order-1')];
    expect(stream.map((e) => [e.position, e.streamVersion, e.eventId])).toEqual([
      [1, 1, 'a-0'],
      [2, 2, 'a-1'],
      [4, 3, 'a-2'],
    ]);
    expect(stream[2]).toMatchObject({
      type: 'OrderFilled',
      schemaVersion: 1,
      data: { price: '100.5' },
      metadata: { correlationId: 'c1', causationId: 'cmd-9', sourceTimestamps: { venue: 42 }, recordedAt: t.clock.now() },
    });
    expect([...t.store.readStream('order-1', 3)].map((e) => e.eventId)).toEqual(['a-2']);
    expect(t.store.streamVersion('order-1')).toBe(3);
    expect(t.store.streamVersion('nothing')).toBe(0);
    expect(t.store.stats()).toMatchObject({ events: 4, streams: 2, lastPosition: 4 });
  });

  it('raises ConcurrencyError on a wrong expected version and writes nothing', async () => {
    await t.store.append('s', 'no_stream', sampleEvents('a', 2));
    await expect(t.store.append('s', 1, sampleEvents('b', 3))).rejects.toMatchObject({
      constructor: ConcurrencyError,
      streamId: 's',
      expectedVersion: 1,
      actualVersion: 2,
    });
    await expect(t.store.append('s', 'no_stream', sampleEvents('c', 1))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(t.store.append('fresh', 3, sampleEvents('d', 1))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(t.store.stats().events).toBe(2);
    await expect(t.store.append('s', -1, sampleEvents('e', 1))).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(t.store.append('', 'any', sampleEvents('e', 1))).rejects.toBeInstanceOf(InvalidAppendError);
  });

  it('treats an already stored event id as a no-op, also for a retried command with its old expected version', async () => {
    await t.store.append('s', 'no_stream', sampleEvents('a', 2));
    const retried = await t.store.append('s', 'no_stream', sampleEvents('a', 2));
    expect(retried).toEqual({ streamId: 's', nextExpectedVersion: 2, lastPosition: 2, appended: 0, duplicate: true });
    const mixed = await t.store.append('s', 'any', [...sampleEvents('a', 1), ...sampleEvents('new', 1)]);
    expect(mixed).toMatchObject({ appended: 1, nextExpectedVersion: 3, duplicate: false });
    expect([...t.store.readAll()].map((e) => e.eventId)).toEqual(['a-0', 'a-1', 'new-0']);
  });

  it('refuses an event id already stored in another stream, writing nothing', async () => {
    await t.store.append('s1', 'any', sampleEvents('a', 1));
    await expect(t.store.append('s2', 'any', [...sampleEvents('x', 1), ...sampleEvents('a', 1)])).rejects.toMatchObject({
      constructor: DuplicateEventIdError,
      eventId: 'a-0',
      storedInStreamId: 's1',
    });
    expect(t.store.streamVersion('s2')).toBe(0);
  });

  it('commits a multi-stream batch atomically', async () => {
    await t.store.append('b', 'any', sampleEvents('b', 1));
    await expect(
      t.store.appendBatch([
        { streamId: 'a', expectedVersion: 'no_stream', events: sampleEvents('a', 3) },
        { streamId: 'b', expectedVersion: 'no_stream', events: sampleEvents('b2', 1) },
      ]),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(t.store.streamVersion('a')).toBe(0);
    const ok = await t.store.appendBatch([
      { streamId: 'a', expectedVersion: 'no_stream', events: sampleEvents('a', 3) },
      { streamId: 'b', expectedVersion: 1, events: sampleEvents('b2', 1) },
    ]);
    expect(ok.results.map((r) => r.lastPosition)).toEqual([4, 5]);
  });

  it('reads all events lazily in pages from a position, with a limit', async () => {
    for (let i = 0; i < 12; i += 1) await t.store.append(`s${i % 3}`, 'any', sampleEvents(`e${i}`, 100));
    const positions = [...t.store.readAll(250, 600)].map((e) => e.position);
    expect(positions).toHaveLength(600);
    expect(positions[0]).toBe(250);
    expect(positions[599]).toBe(849);
    expect(positions.every((p, i) => i === 0 || p === positions[i - 1] + 1)).toBe(true);
    const iterator = t.store.readAll(1)[Symbol.iterator]();
    expect(iterator.next().value).toMatchObject({ position: 1 });
    expect([...t.store.readAll(1_201)]).toEqual([]);
  });

  it('names the stream and event when a payload cannot be serialised, and writes nothing of that append', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      t.store.append('s', 'any', [...sampleEvents('ok', 1), { eventId: 'bad-1', type: 'Broken', data: circular }]),
    ).rejects.toMatchObject({ constructor: EventSerializationError, streamId: 's', eventId: 'bad-1', eventType: 'Broken' });
    await expect(t.store.append('s', 'any', [{ eventId: 'big', type: 'Broken', data: { n: BigInt(1) } }])).rejects.toBeInstanceOf(
      EventSerializationError,
    );
    await expect(t.store.append('s', 'any', [{ eventId: 'undef', type: 'Broken', data: undefined }])).rejects.toBeInstanceOf(
      EventSerializationError,
    );
    expect(t.store.stats().events).toBe(0);
    await t.store.append('s', 'any', sampleEvents('ok', 1));
    expect(t.store.streamVersion('s')).toBe(1);
  });

  it('reports a corrupt row with its position and stream and still reads the others', async () => {
    await t.store.append('good', 'any', sampleEvents('g', 2));
    await t.store.append('bad', 'any', sampleEvents('b', 1));
    t.db.prepare("UPDATE events SET payload = '{not json' WHERE position = 3").run();
    expect(() => [...t.store.readStream('bad')]).toThrow(
      expect.objectContaining({ constructor: CorruptEventError, position: 3, streamId: 'bad' }) as Error,
    );
    expect([...t.store.readStream('good')]).toHaveLength(2);
    expect([...t.store.readAll(1, 2)]).toHaveLength(2);
    await t.store.append('good', 2, sampleEvents('g2', 1));
    expect(t.store.streamVersion('good')).toBe(3);
  });

  it('rejects an unknown event type on read when schemas are registered, naming position and stream', async () => {
    await t.store.append('s', 'any', [{ eventId: 'x', type: 'Mystery', data: {} }]);
    const strict = t.reopen(new EventSchemaRegistry([{ type: 'Known', currentVersion: 1 }]));
    t = strict;
    expect(() => [...t.store.readAll()]).toThrow(
      expect.objectContaining({ constructor: UnknownEventTypeError, position: 1, streamId: 's', eventType: 'Mystery' }) as Error,
    );
  });

  it('upcasts old payload versions on read and writes new events at the current version', async () => {
    await t.store.append('s', 'any', [{ eventId: 'v1', type: 'OrderPlaced', schemaVersion: 1, data: { qty: '1' } }]);
    const schemas = new EventSchemaRegistry([
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
    ]);
    t = t.reopen(schemas);
    await t.store.append('s', 1, [{ eventId: 'v3', type: 'OrderPlaced', data: { volume: '2', side: 'ask' } }]);
    expect([...t.store.readStream('s')].map((e) => [e.schemaVersion, e.data])).toEqual([
      [3, { side: 'bid', volume: '1' }],
      [3, { volume: '2', side: 'ask' }],
    ]);
    t.db.prepare('UPDATE events SET schema_version = 7 WHERE position = 2').run();
    expect(() => [...t.store.readStream('s')]).toThrow(
      expect.objectContaining({ constructor: UnsupportedSchemaVersionError, position: 2, schemaVersion: 7 }) as Error,
    );
  });

  it('returns to synchronous=NORMAL after a FULL-durability append', async () => {
    await t.store.append('orders', 'any', sampleEvents('o', 1), { durability: 'full' });
    expect(t.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.store.streamVersion('orders')).toBe(1);
  });

  it('stays at synchronous=OFF through a FULL-durability append when the store is built synchronousOff (a backtest store)', async () => {
    const store = new SqliteEventStore(t.db, { clock: { now: () => 1 }, synchronousOff: true });
    await store.append('orders', 'any', sampleEvents('o', 1), { durability: 'full' });
    expect(t.db.pragma('synchronous', { simple: true })).toBe(0);
    expect(store.streamVersion('orders')).toBe(1);
  });

  it('reads a range of positions of some types only, in position order', async () => {
    await t.store.append('a', 'any', sampleEvents('a', 4, 'Kept'));
    await t.store.append('b', 'any', sampleEvents('b', 4, 'Skipped'));
    await t.store.append('a', 'any', sampleEvents('c', 4, 'Kept'));
    expect([...t.store.readRange(2, 10, ['Kept'])].map((e) => e.eventId)).toEqual(['a-1', 'a-2', 'a-3', 'c-0', 'c-1']);
    expect([...t.store.readRange(2, 12, ['Kept'], 3)].map((e) => e.position)).toEqual([2, 3, 4]);
    expect([...t.store.readRange(4, 6, undefined)].map((e) => e.eventId)).toEqual(['a-3', 'b-0', 'b-1']);
  });

  it('parses the metadata of the types asked for only, giving the others their recordedAt', async () => {
    const metadata = { correlationId: 'c-1', causationId: 'k-1' };
    await t.store.append('a', 'any', [
      { eventId: 'a-0', type: 'Read', data: {}, metadata },
      { eventId: 'a-1', type: 'Unread', data: {}, metadata },
    ]);
    const recordedAt = t.clock.now();
    expect([...t.store.readRange(1, 2, undefined, 10, new Set(['Read']))].map((e) => e.metadata)).toEqual([{ ...metadata, recordedAt }, { recordedAt }]);
    expect([...t.store.readRange(1, 2, undefined)].map((e) => e.metadata)).toEqual([{ ...metadata, recordedAt }, { ...metadata, recordedAt }]);
  });

  it('nests appends in a transaction the caller holds only when built withinCallerTransaction (a backtest run)', async () => {
    const nested = new SqliteEventStore(t.db, { clock: { now: () => 1 }, withinCallerTransaction: true });
    t.db.exec('BEGIN IMMEDIATE');
    await expect(t.store.append('a', 'any', sampleEvents('a', 1))).rejects.toBeInstanceOf(TransactionInProgressError);
    await nested.append('b', 'any', sampleEvents('b', 1));
    t.db.exec('ROLLBACK');
    expect(t.store.lastPosition()).toBe(0);
  });

  it('inside the caller transaction, a refused append writes nothing and the transaction goes on', async () => {
    const nested = new SqliteEventStore(t.db, { clock: { now: () => 1 }, withinCallerTransaction: true });
    t.db.exec('BEGIN IMMEDIATE');
    await nested.append('a', 'no_stream', sampleEvents('a', 1));
    await nested.append('b', 'no_stream', sampleEvents('b', 1));
    // One event (no savepoint of its own): a version conflict, and an event id another stream holds.
    await expect(nested.append('a', 0, sampleEvents('x', 1))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(nested.append('c', 'no_stream', sampleEvents('b', 1))).rejects.toBeInstanceOf(DuplicateEventIdError);
    // Several events: the second one's id is taken, so the first one is rolled back with it.
    await expect(nested.append('c', 'no_stream', [...sampleEvents('c', 1), ...sampleEvents('a', 1)])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect([nested.streamVersion('c'), nested.lastPosition()]).toEqual([0, 2]);
    await nested.append('c', 'no_stream', sampleEvents('c', 1));
    t.db.exec('COMMIT');
    expect([...t.store.readAll()].map((e) => [e.position, e.streamId, e.eventId])).toEqual([
      [1, 'a', 'a-0'],
      [2, 'b', 'b-0'],
      [3, 'c', 'c-0'],
    ]);
  });
});
