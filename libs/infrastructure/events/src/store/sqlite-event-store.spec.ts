import { ConcurrencyError } from '@trader/application';
import { sampleEvents, TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import { DuplicateEventIdError } from './event-store.errors';
import { TransactionInProgressError } from '../database/database.errors';
import { SqliteEventStore } from './sqlite-event-store';

// What SQLite alone does (pragmas, a backtest's options). The behaviour both stores share is held by
// the conformance suite (conformance/sqlite.conformance.spec.ts and postgres.conformance.spec.ts).
describe('SqliteEventStore', () => {
  let t: TempEventDatabase;
  beforeEach(() => {
    t = tempEventDatabase();
  });
  afterEach(() => t.cleanup());

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
