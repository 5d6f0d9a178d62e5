import { ManualClock } from '@trader/domain';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { accountSchema } from './account-schema';
import { migratePg } from './migrate-pg';
import { PgConnectionClosedError, PgQueryError } from './pg-database.errors';
import { PgEventStore } from './pg-event-store';
import { PgLogReader } from './pg-log-reader';
import { PgSyncDatabase } from './pg-sync-database';

describeWithPg('PgLogReader (following another process in the event loop)', () => {
  const schema = accountSchema('follow');
  const schemas = new EventSchemaRegistry(
    [{ type: 'OrderPlaced', currentVersion: 2, upcasters: { 1: (data) => ({ ...(data as object), side: 'bid' }) } }, { type: 'Counted', currentVersion: 1 }],
    { rejectUnknownTypes: true },
  );
  let database: PgTestDatabase;
  let writer: PgSyncDatabase;
  let store: PgEventStore;
  const readers: PgLogReader[] = [];
  const open = async (answerTimeoutMs = 2_000): Promise<PgLogReader> => {
    const reader = await PgLogReader.open(database.url, { schema, schemas, answerTimeoutMs });
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    database = createPgTestDatabase();
    writer = new PgSyncDatabase(database.url, { schema });
    migratePg(writer, schema, 0);
    store = new PgEventStore(writer, { clock: new ManualClock(1_000), schemas });
    await store.append('order-1', 'any', [{ eventId: 'old', type: 'OrderPlaced', schemaVersion: 1, data: { volume: '1' } }]);
    for (let n = 0; n < 11; n += 1) await store.append(`counter-${n % 3}`, 'any', [{ eventId: `c-${n}`, type: 'Counted', data: { n } }]);
  });
  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.close();
  });
  afterAll(() => {
    writer.close();
    database.drop();
  });

  it('reads the events after a position in pages, decoded and upcast exactly as the store reads them', async () => {
    const reader = await open();
    const pages: number[][] = [];
    const read = [];
    let after = 0;
    for (;;) {
      const page = await reader.readAfter(after, 5);
      if (page.length === 0) break;
      pages.push(page.map((event) => event.position));
      read.push(...page);
      after = page[page.length - 1].position;
    }
    expect(pages).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]);
    expect(read).toEqual([...store.readAll(1)]);
    expect(read[0]).toEqual(expect.objectContaining({ type: 'OrderPlaced', schemaVersion: 2, data: { volume: '1', side: 'bid' } }));
    expect(await reader.readAfter(12, 5)).toEqual([]);
    // What is appended after a read is there at the next one.
    await store.append('counter-9', 'any', [{ eventId: 'late', type: 'Counted', data: { n: 99 } }]);
    expect((await reader.readAfter(12, 5)).map((event) => event.eventId)).toEqual(['late']);
  });

  it('lets the event loop run while the server takes its time, and fails a read past its bound, closing itself', async () => {
    const reader = await open(400);
    // Another session holds a lock that every read of the events table waits for.
    const locker = new PgSyncDatabase(database.url, { schema });
    try {
      locker.exec('BEGIN');
      locker.exec('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      let ticks = 0;
      const ticking = setInterval(() => (ticks += 1), 20);
      const started = Date.now();
      const outcome = await reader.readAfter(0, 5).then(
        () => 'answered',
        (error: unknown) => error,
      );
      clearInterval(ticking);
      const waited = Date.now() - started;
      expect(outcome).toBeInstanceOf(Error);
      expect(waited).toBeGreaterThanOrEqual(350);
      expect(waited).toBeLessThan(5_000);
      // A synchronous wait (Atomics.wait) would have let no timer run.
      expect(ticks).toBeGreaterThanOrEqual(5);
      await expect(reader.readAfter(0, 5)).rejects.toBeInstanceOf(PgConnectionClosedError);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
  });

  it('reports an error of the server as a PgQueryError, and an account without a store as one', async () => {
    const reader = await PgLogReader.open(database.url, { schema: accountSchema('nobody'), schemas, answerTimeoutMs: 2_000 });
    readers.push(reader);
    await expect(reader.readAfter(0, 5)).rejects.toEqual(expect.objectContaining({ constructor: PgQueryError, code: '42P01' }));
  });

  it('refuses to open when the database cannot be reached', async () => {
    await expect(PgLogReader.open('postgres://postgres@127.0.0.1:1/none', { schema, schemas, answerTimeoutMs: 1_000 })).rejects.toBeInstanceOf(Error);
  });
});
