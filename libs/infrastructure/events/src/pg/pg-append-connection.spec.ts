import type { StoredEvent } from '@trader/application';
import { ManualClock } from '@trader/domain';
import { eventually } from '@trader/runtime';
import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { accountSchema } from './account-schema';
import { migratePg } from './migrate-pg';
import { PgAppendConnection } from './pg-append-connection';
import { PgConnectionClosedError } from './pg-database.errors';
import { PgEventStore } from './pg-event-store';
import { PgSyncDatabase } from './pg-sync-database';

// The store's one-statement appends awaited on a connection of their own (as EventStoreRuntime builds
// it): the conformance suite runs every append behaviour through it; these cover what only it has.
describeWithPg('PgEventStore with an append connection', () => {
  let database: PgTestDatabase;
  let db: PgSyncDatabase;
  let store: PgEventStore;
  let accounts = 0;
  const schema = (): string => accountSchema(`appends${accounts}`);
  const event = (id: string) => ({ eventId: id, type: 'Counted', data: { id } });

  beforeAll(() => {
    database = createPgTestDatabase();
  });
  beforeEach(() => {
    accounts += 1;
    db = new PgSyncDatabase(database.url, { schema: schema() });
    migratePg(db, schema(), 0);
    store = new PgEventStore(db, {
      clock: new ManualClock(1_000),
      appendConnection: new PgAppendConnection(database.url, { schema: schema(), applicationName: `append-connection-spec ${schema()}` }),
    });
  });
  afterEach(async () => {
    await store.close();
    db.close();
  });
  afterAll(() => database.drop());

  it('runs appends started together one at a time, in call order: positions follow the calls, and listeners see them in position order', async () => {
    const notified: StoredEvent[] = [];
    const calls = Array.from({ length: 40 }, (_, n) =>
      store.appendAndNotify([{ streamId: `s-${n % 3}`, expectedVersion: 'any', events: [event(`e${n}`)] }], undefined, (committed) => notified.push(...committed)),
    );
    const done = await Promise.all(calls);
    expect(done.map((d) => d.results[0]?.lastPosition)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    expect(notified.map((e) => [e.position, e.eventId])).toEqual(Array.from({ length: 40 }, (_, n) => [n + 1, `e${n}`]));
    expect([...store.readAll()].map((e) => e.eventId)).toEqual(notified.map((e) => e.eventId));
  });

  it('keeps the order when an append in the middle is refused by append_events and decided by the checked path', async () => {
    await store.append('s', 'no_stream', [event('a')]);
    const notified: number[] = [];
    const note = (committed: StoredEvent[]): void => void notified.push(...committed.map((e) => e.position));
    const calls = [
      store.appendAndNotify([{ streamId: 's', expectedVersion: 1, events: [event('b')] }], undefined, note),
      // A replay of 'a' with a new event: refused by the statement, appended by the checked path.
      store.appendAndNotify([{ streamId: 's', expectedVersion: 'any', events: [event('a'), event('c')] }], undefined, note),
      store.appendAndNotify([{ streamId: 't', expectedVersion: 'no_stream', events: [event('d')] }], undefined, note),
    ];
    const done = await Promise.all(calls);
    expect(done.map((d) => d.results[0]?.lastPosition)).toEqual([2, 3, 4]);
    expect(notified).toEqual([2, 3, 4]);
    expect([...store.readAll()].map((e) => e.eventId)).toEqual(['a', 'b', 'c', 'd']);
  });

  const appendSession = (): number | undefined =>
    (db.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`append-connection-spec ${schema()}`], { array: true }).rows[0] as [number] | undefined)?.[0];

  it('connects on the first append, or before it when asked to (as the runtime does at start)', async () => {
    expect(appendSession()).toBeUndefined();
    await store.openAppends();
    const opened = appendSession();
    expect(opened).toBeDefined();
    await store.append('s', 'any', [event('first')]);
    expect(appendSession()).toBe(opened);
  });

  it('opens a new connection after its session is ended; a retry of the append that failed is stored once', async () => {
    await store.append('s', 'any', [event('before')]);
    const first = appendSession();
    expect(first).toBeDefined();
    expect((db.query('SELECT pg_terminate_backend($1, 5000)', [first], { array: true }).rows[0] as [boolean])[0]).toBe(true);

    // The first append after it may fail with the broken connection; the same append again succeeds.
    await eventually(() => store.append('s', 'any', [event('after')]), { timeoutMs: 5_000, intervalMs: 20 });
    expect([...store.readAll()].map((e) => e.eventId)).toEqual(['before', 'after']);
    expect(appendSession()).not.toBe(first);
  });

  it("keeps the URL's own connection options, and appends in the account's schema", async () => {
    const url = new URL(database.url);
    url.searchParams.set('options', '-c work_mem=7MB');
    const connection = new PgAppendConnection(url.toString(), { schema: schema() });
    try {
      expect(await connection.query('work-mem', 'SHOW work_mem', [])).toEqual([['7MB']]);
      expect(await connection.query('search-path', 'SHOW search_path', [])).toEqual([[schema()]]);
    } finally {
      await connection.close();
    }
  });

  it('finishes the appends in flight when closed, and refuses appends after that', async () => {
    const inFlight = store.append('s', 'any', [event('in-flight')]);
    await store.close();
    await expect(inFlight).resolves.toMatchObject({ lastPosition: 1 });
    await expect(store.append('s', 'any', [event('late')])).rejects.toBeInstanceOf(PgConnectionClosedError);
    expect(store.lastPosition()).toBe(1);
  });
});
