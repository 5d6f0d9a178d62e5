import { openEventDatabase, PgAccountLease, PgSyncDatabase, SqliteEventStore, SqliteFileLease, SqlSnapshotStore, tradingProjections } from '@trader/events';
import { createPgTestDatabase, describeWithPg } from '@trader/events/testing';
import type { PgTestDatabase } from '@trader/events/testing';
import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliOutput } from '../cli-output';
import { runCli } from '../run-cli';

interface Run {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

async function trader(args: string[], env: Record<string, string>, signal = new AbortController().signal): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: CliOutput = { out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
  const code = await runCli(args, env, output, signal);
  return { code, stdout, stderr };
}

const allMigrations = ['applied 1 events', 'applied 2 snapshots', 'applied 3 checkpoints', 'applied 4 dead letters', 'applied 5 events by correlation id'];
const eventRowSql = 'SELECT position, stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at FROM events ORDER BY position';
const projectionNames = tradingProjections().map((projection) => projection.name);

/** The trust-auth test server takes any password: one in the URL shows whether it leaks anywhere. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

describe('trader db', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('db migrate creates and migrates a SQLite file, then finds it up to date', async () => {
    const file = join(dir, 'nested', 'trader.db');
    const first = await trader(['db', 'migrate'], { TRADER_DB: file });
    expect(first).toEqual({ code: 0, stdout: [...allMigrations, `${file}: migrated at schema version 5`], stderr: [] });
    const db = new Sqlite(file, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2, 3, 4, 5]);
    db.close();
    expect(await trader(['db', 'migrate'], { TRADER_DB: file })).toEqual({ code: 0, stdout: [`${file}: up to date at schema version 5`], stderr: [] });
  });

  it('refuses unknown subcommands and arguments with exit code 2', async () => {
    expect((await trader(['db'], { TRADER_DB: join(dir, 't.db') })).code).toBe(2);
    expect(await trader(['db', 'migrate', '--force'], { TRADER_DB: join(dir, 't.db') })).toEqual(expect.objectContaining({ code: 2, stderr: [expect.stringContaining('--force')] }));
    expect(existsSync(join(dir, 't.db'))).toBe(false);
  });

  describe('db copy refuses bad flags before touching anything', () => {
    it.each([
      ['no --from', ['--to', 'postgres://127.0.0.1/x'], '--from is required'],
      ['a --from that does not exist', ['--from', 'missing.db', '--to', 'postgres://127.0.0.1/x'], 'no such file'],
      ['a --from URL', ['--from', 'postgres://127.0.0.1/x', '--to', 'postgres://127.0.0.1/x'], 'not a URL'],
      ['no --to without a PostgreSQL TRADER_DB', ['--from', 'FILE'], '--to is required'],
      ['an account that is no schema name', ['--from', 'FILE', '--to', 'postgres://127.0.0.1/x', '--account', 'Desk-1'], '--account'],
      ['an unknown flag', ['--from', 'FILE', '--fast', 'yes'], '--fast'],
    ])('%s', async (_what, args, message) => {
      const file = join(dir, 'source.db');
      openEventDatabase({ path: file }, 0).close();
      const result = await trader(['db', 'copy', ...args.map((arg) => (arg === 'FILE' ? file : arg))], { TRADER_DB: join(dir, 'trader.db') });
      expect(result.code).toBe(2);
      expect(result.stderr.join('\n')).toContain(message);
    });

    it('never echoes a --to that is not a postgres URL, nor the password of a misplaced one', async () => {
      const file = join(dir, 'source.db');
      openEventDatabase({ path: file }, 0).close();
      const notPg = await trader(['db', 'copy', '--from', file, '--to', 'mysql://root:s3cret@db/x'], {});
      expect(notPg.code).toBe(2);
      const misplaced = await trader(['db', 'copy', '--from', file, 'postgres://root:s3cret@db/x'], {});
      expect(misplaced.code).toBe(2);
      expect(misplaced.stderr.join('\n')).toContain('postgres://root:***@db/x');
      expect([...notPg.stderr, ...misplaced.stderr].join('\n')).not.toContain('s3cret');
    });
  });
});

describeWithPg('trader db on PostgreSQL', () => {
  let pg: PgTestDatabase;
  let dir: string;
  beforeAll(() => {
    pg = createPgTestDatabase();
  });
  afterAll(() => pg.drop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-db-pg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const query = <Row>(sql: string, values: unknown[] = [], schema?: string): Row[] => {
    const db = new PgSyncDatabase(pg.url, schema ? { schema } : {});
    try {
      return db.query(sql, values).rows as Row[];
    } finally {
      db.close();
    }
  };

  it('db migrate creates the account schema and migrates it alone, never showing the password', async () => {
    const env = { TRADER_DB: withPassword(pg.url, 's3cret'), TRADER_ACCOUNT: 'migrated' };
    const first = await trader(['db', 'migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout.slice(0, 5)).toEqual(allMigrations);
    expect(first.stdout[5]).toMatch(/:\*\*\*@.*\(schema trader_migrated\): migrated at schema version 5$/);
    expect(query<{ version: number }>('SELECT version FROM trader_migrated.schema_migrations ORDER BY version').map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
    // Migrating is all it does: no read-model tables, no outbox.
    expect(query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'trader_migrated' ORDER BY table_name").map((row) => row.table_name)).toEqual(
      ['checkpoints', 'dead_letters', 'events', 'schema_migrations', 'snapshots'],
    );
    const again = await trader(['db', 'migrate'], env);
    expect(again.stdout).toEqual([expect.stringMatching(/up to date at schema version 5$/)]);
    expect([...first.stdout, ...first.stderr, ...again.stdout, ...again.stderr].join('\n')).not.toContain('s3cret');
  });

  describe('db copy', () => {
    const eventCount = 3_210;
    let source: string;
    beforeEach(async () => {
      source = join(dir, 'trader.db');
      await writeSourceStore(source, eventCount);
    });

    it('copies events byte for byte, snapshots, checkpoints and dead letters, verifies them and rebuilds the read models', async () => {
      const run = await trader(['db', 'copy', '--from', source, '--to', withPassword(pg.url, 's3cret'), '--account', 'copied'], { TRADER_DB: join(dir, 'unused.db') });
      expect(run.stderr.join('\n')).not.toContain('s3cret');
      expect(run.stdout.join('\n')).not.toContain('s3cret');
      expect(run.code).toBe(0);

      const sqlite = new Sqlite(source, { readonly: true });
      try {
        const sourceRows = sqlite.prepare(eventRowSql).raw().all() as unknown[][];
        expect(query<unknown[]>(eventRowSql, [], 'trader_copied').map((row) => Object.values(row as object))).toEqual(sourceRows);
        // The digest both sides printed is the one over the source's rows in position order.
        const expected = createHash('sha256');
        for (const row of sourceRows) expected.update(`${JSON.stringify(row)}\n`);
        const digest = expected.digest('hex');
        expect(run.stdout).toEqual(expect.arrayContaining([`sha256 source ${digest}`, `sha256 target ${digest}`]));
        expect(run.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^events +source +3210 +target +3210 +ok$/)]));

        const snapshotSql = 'SELECT stream_id, aggregate_type, stream_version, schema_version, state, taken_at FROM snapshots ORDER BY stream_id';
        expect(query(snapshotSql, [], 'trader_copied')).toEqual(sqlite.prepare(snapshotSql).all());
        const letterSql = 'SELECT id, subscriber, position, event_id, stream_id, event_type, error, attempts, status, parked_at, closed_at FROM dead_letters ORDER BY id';
        expect(query(letterSql, [], 'trader_copied')).toEqual(sqlite.prepare(letterSql).all());
        // Lane handlers' checkpoints come as they were; the projections' are the rebuild's own.
        const checkpoints = Object.fromEntries(query<{ subscriber: string; position: number }>('SELECT subscriber, position FROM checkpoints', [], 'trader_copied').map((row) => [row.subscriber, row.position]));
        expect(checkpoints).toEqual({ 'position-keeper': 3_000, 'notification-outbox': 3_210, ...Object.fromEntries(projectionNames.map((name) => [name, eventCount])) });
      } finally {
        sqlite.close();
      }
      // The next letter parked on PostgreSQL gets a new id, not one of the copied ones.
      const [next] = query<{ id: number }>(
        "INSERT INTO dead_letters (subscriber, position, event_id, stream_id, event_type, error, attempts, status, parked_at) VALUES ('x', 1, 'e', 's', 't', 'boom', 1, 'parked', 0) RETURNING id",
        [],
        'trader_copied',
      );
      expect(next?.id).toBe(3);
      expect(run.stderr.join('\n')).toMatch(/copying events: 3,210\/3,210 \(100\.0%\), [\d,]+ events\/s/);
      expect(run.stdout).toEqual(expect.arrayContaining(projectionNames.map((name) => `${name} rebuilt to position ${eventCount}`)));
    });

    it('refuses, copying nothing, while a trader of the target account holds its lease', async () => {
      const trading = new PgAccountLease({ url: pg.url, account: 'busy', applicationName: 'upbit-trader lease busy test-host:2' });
      try {
        expect(trading.tryAcquire()).toBe(true);
        const run = await trader(['db', 'copy', '--from', source, '--account', 'busy'], { TRADER_DB: withPassword(pg.url, 's3cret') });
        expect(run.code).toBe(1);
        expect(run.stderr).toEqual([expect.stringMatching(/^db copy: account busy is in use: "upbit-trader lease busy test-host:2" holds its lease/)]);
        expect(run.stdout).toEqual([]);
        // Not even the schema was created.
        expect(query("SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'trader_busy'")).toEqual([]);
      } finally {
        trading.release();
      }
      expect((await trader(['db', 'copy', '--from', source, '--account', 'busy'], { TRADER_DB: pg.url })).code).toBe(0);
    });

    it('refuses, copying nothing, while a trader runs on the source file (it would append events the copy misses)', async () => {
      const trading = new SqliteFileLease({ file: source, holderName: 'trader start (pid 7 on test-host)' });
      try {
        expect(trading.tryAcquire()).toBe(true);
        const run = await trader(['db', 'copy', '--from', source, '--account', 'source_busy'], { TRADER_DB: pg.url });
        expect(run.code).toBe(1);
        expect(run.stderr).toEqual([expect.stringMatching(new RegExp(`^trader db copy: ${source} is in use by trader start \\(pid 7 on test-host\\), since `))]);
        expect(run.stdout).toEqual([]);
        expect(query("SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'trader_source_busy'")).toEqual([]);
      } finally {
        trading.release();
      }
      expect((await trader(['db', 'copy', '--from', source, '--account', 'source_busy'], { TRADER_DB: pg.url })).code).toBe(0);
    });

    it('refuses a target schema that already holds a store, and leaves it as it was', async () => {
      expect((await trader(['db', 'copy', '--from', source, '--account', 'twice'], { TRADER_DB: pg.url })).code).toBe(0);
      const before = query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events', [], 'trader_twice')[0];
      const again = await trader(['db', 'copy', '--from', source, '--account', 'twice'], { TRADER_DB: pg.url });
      expect(again.code).toBe(1);
      expect(again.stderr.join('\n')).toMatch(/schema trader_twice is not empty \(3210 events, 1 snapshots, \d+ checkpoints, 2 dead_letters\)/);
      expect(query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events', [], 'trader_twice')[0]).toEqual(before);
    });

    it('fails when the copy differs from its source, prints both digests, and empties the target again', async () => {
      expect((await trader(['db', 'migrate'], { TRADER_DB: pg.url, TRADER_ACCOUNT: 'tampered' })).code).toBe(0);
      // A trigger on the target rewrites one payload as it is inserted: what a faulty copy would do.
      const db = new PgSyncDatabase(pg.url, { schema: 'trader_tampered' });
      db.exec(`CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.payload := '{"tampered":true}'; RETURN NEW; END $$;
        CREATE TRIGGER tamper BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.position = 1234) EXECUTE FUNCTION tamper();`);
      db.close();
      const run = await trader(['db', 'copy', '--from', source, '--to', pg.url, '--account', 'tampered'], {});
      expect(run.code).toBe(1);
      const [sourceDigest, targetDigest] = ['source', 'target'].map((side) => run.stdout.find((line) => line.startsWith(`sha256 ${side} `))?.split(' ')[2]);
      expect(sourceDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(targetDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(targetDigest).not.toBe(sourceDigest);
      expect(run.stderr.join('\n')).toContain('the copy does not match its source (the events differ (sha256)); the target schema was emptied again');
      expect(query<{ n: number }>('SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM snapshots) + (SELECT COUNT(*) FROM checkpoints) + (SELECT COUNT(*) FROM dead_letters) AS n', [], 'trader_tampered')).toEqual([{ n: 0 }]);
    });
  });
});

/**
 * A SQLite store as a trader leaves it: `events` events over many streams (one payload stored with
 * spacing and escapes JSON.stringify would not produce, to show the copy does not re-encode), a
 * snapshot, lane and projection checkpoints, a parked and a resolved dead letter.
 */
async function writeSourceStore(path: string, events: number): Promise<void> {
  const db = openEventDatabase({ path }, 0);
  try {
    let now = 1_767_225_600_000;
    const store = new SqliteEventStore(db, { clock: { now: () => (now += 7) } });
    const perStream = 10;
    for (let first = 0; first < events; first += 500) {
      const appends = [];
      for (let stream = first; stream < Math.min(events, first + 500); stream += perStream) {
        const count = Math.min(perStream, events - stream);
        appends.push({
          streamId: `order-${stream / perStream}`,
          expectedVersion: 'no_stream' as const,
          events: Array.from({ length: count }, (_, i) => ({
            eventId: `event-${stream + i}`,
            type: i === 0 ? 'TestOrderOpened' : 'TestOrderChanged',
            data: { n: stream + i, note: 'caf\u00e9 \u20a9 "quoted" \n line' },
            metadata: { correlationId: `c-${stream / perStream}` },
          })),
        });
      }
      await store.appendBatch(appends);
    }
    db.prepare('UPDATE events SET payload = ? WHERE position = 17').run('{ "n" : 16,"note":"\\u00e9\\t tab"  }');
    await new SqlSnapshotStore(db).save({ streamId: 'order-3', aggregateType: 'TestOrder', streamVersion: 10, schemaVersion: 2, state: '{"open":true}', takenAt: now });
    const checkpoint = db.prepare('INSERT INTO checkpoints (subscriber, position, updated_at) VALUES (?, ?, ?)');
    checkpoint.run('position-keeper', 3_000, now);
    checkpoint.run('notification-outbox', events, now);
    for (const name of tradingProjections().map((projection) => projection.name)) checkpoint.run(name, events - 5, now);
    const letter = db.prepare(
      'INSERT INTO dead_letters (subscriber, position, event_id, stream_id, event_type, error, attempts, status, parked_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    letter.run('position-keeper', 42, 'event-41', 'order-4', 'TestOrderChanged', 'handler failed: boom', 5, 'parked', now, null);
    letter.run('rm-orders', 43, 'event-42', 'order-4', 'TestOrderChanged', 'handler failed: again', 3, 'resolved', now, now + 1);
  } finally {
    db.close();
  }
}
