import { GetEvents, GetEventsHandler } from '@trader/application';
import Sqlite from 'better-sqlite3';
import { migrate } from '../database/migrate';
import { migrations } from '../database/migrations';
import { sampleEvents, TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import { correlationPageSql } from './sqlite-event-store';

const chain = (prefix: string, correlationId: string, count: number): { eventId: string; type: string; data: { n: number }; metadata: { correlationId: string } }[] =>
  sampleEvents(prefix, count).map((event) => ({ ...event, metadata: { correlationId } }));

describe('events by correlation id', () => {
  let t: TempEventDatabase;
  beforeEach(() => {
    t = tempEventDatabase();
  });
  afterEach(() => t.cleanup());

  it('looks a chain up through the events_correlation index, never scanning the table', () => {
    const plan = t.db.prepare(`EXPLAIN QUERY PLAN ${correlationPageSql}`).all('corr-1', 1, 500) as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([expect.stringContaining('USING INDEX events_correlation')]);
  });

  it('adds the index to a database written before it existed, even one holding a corrupt row, and reads its chains', () => {
    t.cleanup();
    t = tempEventDatabase();
    t.db.close();
    const old = new Sqlite(t.path);
    old.exec('DROP INDEX events_correlation; DELETE FROM schema_migrations WHERE version >= 5;');
    old.prepare(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
       VALUES ('order-1', 1, 'old-1', 'SampleRecorded', 1, '{"n":1}', '{"correlationId":"old-chain"}', 1)`,
    ).run();
    // A torn or tampered row: the bus parks it when it meets it; the migration must not fail on it.
    old.prepare(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
       VALUES ('order-2', 1, 'corrupt-1', 'SampleRecorded', 1, '{"n":2}', '{"correlationId":', 1)`,
    ).run();
    expect(migrate(old, t.path, 2, migrations.slice(0, 4))).toEqual([]);
    old.close();

    t = t.reopen();
    expect(t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'events_correlation'").pluck().get()).toBe('events_correlation');
    expect([...t.store.readByCorrelation('old-chain')].map((e) => e.eventId)).toEqual(['old-1']);
  });

  it('GetEvents finds a chain that lies beyond 100,000 unrelated events', async () => {
    await t.store.append('noise', 'no_stream', sampleEvents('noise', 100_050));
    await t.store.append('order-9', 'no_stream', chain('late', 'late-chain', 2));
    const page = await new GetEventsHandler(t.store).execute(new GetEvents({ correlationId: 'late-chain' }));
    expect(page).toEqual({ events: [expect.objectContaining({ eventId: 'late-0' }), expect.objectContaining({ eventId: 'late-1' })], nextPosition: null });
  }, 30_000);
});
