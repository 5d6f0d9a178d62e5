import { ConcurrencyError } from '@trader/application';
import { ManualClock } from '@trader/domain';
import { eventually } from '@trader/runtime';
import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { accountSchema } from './account-schema';
import { migratePg } from './migrate-pg';
import { PgAppendConnection } from './pg-append-connection';
import { PgEventStore } from './pg-event-store';
import { PgSyncDatabase } from './pg-sync-database';

// The usual append is one statement (`append_events`) that sets its own transaction's durability.
// These check on the server that it does: a full-durability append flushes the WAL before it returns.
// Both ways the store sends that statement: on its worker connection, and awaited on a connection of
// its own (PgAppendConnection, as EventStoreRuntime builds the store).
for (const [path, ownConnection] of [
  ['on the worker connection', false],
  ['on its append connection', true],
] as const) {
describeWithPg(`PgEventStore durability (appends ${path})`, () => {
  let database: PgTestDatabase;
  let db: PgSyncDatabase;
  let store: PgEventStore;

  beforeEach(() => {
    database = createPgTestDatabase();
    const schema = accountSchema('durability');
    db = new PgSyncDatabase(database.url, { schema });
    migratePg(db, schema, 0);
    store = new PgEventStore(db, {
      clock: new ManualClock(1_000),
      fullDurabilityTypes: ['OrderFilled'],
      ...(ownConnection ? { appendConnection: new PgAppendConnection(database.url, { schema }) } : {}),
    });
  });

  afterEach(async () => {
    await store.close();
    db.close();
    database.drop();
  });

  /** WAL flushes this server has done (this connection's own counted at once). */
  const walSyncs = (): number => {
    db.query('SELECT pg_stat_force_next_flush()', []);
    return Number((db.query('SELECT wal_sync FROM pg_stat_wal', []).rows[0] as { wal_sync: string | number }).wal_sync);
  };

  it('flushes the WAL at every full-durability append, asked for or by type, before it returns', async () => {
    const before = walSyncs();
    for (let n = 0; n < 20; n += 1) await store.append(`order-${n}`, 'no_stream', [{ eventId: `full-${n}`, type: 'OrderPlaced', data: { n } }], { durability: 'full' });
    for (let n = 0; n < 20; n += 1) await store.append(`order-${n}`, 1, [{ eventId: `filled-${n}`, type: 'OrderFilled', data: { n } }]);
    // Other sessions of the server may flush too, never fewer times than these 40 commits did. A
    // session reports its WAL counts when it goes idle, at most once a second, and when it ends: the
    // append connection is ended, and its report awaited.
    if (ownConnection) await store.close();
    await eventually(() => expect(walSyncs() - before).toBeGreaterThanOrEqual(40), { timeoutMs: 5_000, intervalMs: 20 });
    expect(store.lastPosition()).toBe(40);
  });

  it('appends through the checked path after the one-statement append refused, at the same durability', async () => {
    await store.append('s', 'no_stream', [{ eventId: 'a', type: 'OrderPlaced', data: {} }]);
    await expect(store.append('s', 'no_stream', [{ eventId: 'b', type: 'OrderPlaced', data: {} }])).rejects.toBeInstanceOf(ConcurrencyError);
    const before = walSyncs();
    // A replay of 'a' with a new event: refused by append_events, appended by the checked path.
    const result = await store.append('s', 'any', [
      { eventId: 'a', type: 'OrderPlaced', data: {} },
      { eventId: 'c', type: 'OrderPlaced', data: {} },
    ], { durability: 'full' });
    expect(walSyncs() - before).toBeGreaterThanOrEqual(1);
    expect(result).toEqual({ streamId: 's', nextExpectedVersion: 2, lastPosition: 2, appended: 1, duplicate: false });
  });
});
}
