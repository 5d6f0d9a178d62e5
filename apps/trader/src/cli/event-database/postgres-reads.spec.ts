import { accountSchema, migratePg, PgAccountLease, PgEventStore, PgSyncDatabase, tradingProjections } from '@trader/events';
import { createPgTestDatabase, describeWithPg } from '@trader/events/testing';
import type { PgTestDatabase } from '@trader/events/testing';
import { loadStrategy } from '../../backtest/backtest.command';
import { CliOutput } from '../cli-output';
import { runCli } from '../run-cli';

async function trader(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: CliOutput = { out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
  const code = await runCli(args, env, output, new AbortController().signal);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** An exchange nobody listens on: doctor's exchange check fails at once, its database check is what is read. */
const nowhere = { UPBIT_REST_URL: 'http://127.0.0.1:9/v1', UPBIT_WS_URL: 'ws://127.0.0.1:9/websocket/v1' };

describeWithPg('CLI commands reading a PostgreSQL store', () => {
  let pg: PgTestDatabase;
  let url: string;
  beforeAll(async () => {
    pg = createPgTestDatabase();
    // The test server trusts every connection: a password in the URL shows whether it leaks anywhere.
    const withPassword = new URL(pg.url);
    withPassword.password = 's3cret';
    url = withPassword.toString();
    const schema = accountSchema('reads');
    const db = new PgSyncDatabase(pg.url, { schema });
    try {
      migratePg(db, schema, 0);
      await new PgEventStore(db, { clock: { now: () => 1_000 } }).append('order-1', 'no_stream', [
        { eventId: 'a', type: 'TestOrderOpened', data: { n: 1 } },
        { eventId: 'b', type: 'TestOrderChanged', data: { n: 2 } },
        { eventId: 'c', type: 'TestOrderChanged', data: { n: 3 } },
      ]);
    } finally {
      db.close();
    }
  });
  afterAll(() => pg.drop());

  it('doctor checks the account schema and shows the URL without its password', async () => {
    const found = await trader(['doctor'], { TRADER_DB: url, TRADER_ACCOUNT: 'reads', ...nowhere });
    expect(found.stdout).toMatch(/^ok {4}database: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:5432\/\w+ \(schema trader_reads\) on PostgreSQL \d+[\d.]*.*, schema version 5, 3 event\(s\)$/m);
    const missing = await trader(['doctor'], { TRADER_DB: url, TRADER_ACCOUNT: 'nobody', ...nowhere });
    expect(missing.stdout).toMatch(/^ok {4}database: .*\(schema trader_nobody\) on PostgreSQL .*: the schema does not exist yet/m);
    const unreachable = new URL(url);
    unreachable.port = '9';
    const down = await trader(['doctor'], { TRADER_DB: unreachable.toString(), ...nowhere });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^FAIL {2}database: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:9\/\w+ \(schema trader_default\): .*ECONNREFUSED/m);
    expect([found, missing, down].map((run) => run.stdout + run.stderr).join('\n')).not.toContain('s3cret');
  });

  it('events tail --db prints the events of an account schema, and refuses one without a store', async () => {
    const tail = await trader(['events', 'tail', '--db', url, '--from', '2'], { TRADER_ACCOUNT: 'reads', TRADER_DB: url });
    expect(tail.code).toBe(0);
    expect(tail.stdout.split('\n').map((line) => (JSON.parse(line) as { position: number; eventId: string }).eventId)).toEqual(['b', 'c']);
    const none = await trader(['events', 'tail', '--db', url], { TRADER_ACCOUNT: 'nobody', TRADER_DB: url });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^--db postgres:\/\/postgres:\*\*\*@.*\(schema trader_nobody\): no event store there$/);
  });

  it('backtest --strategy looks a strategy up in the account schema, naming it without the password', async () => {
    await expect(loadStrategy('no-such-strategy', url, 'reads')).rejects.toThrow(/no such strategy in postgres:\/\/postgres:\*\*\*@.*\(schema trader_reads\)/);
    await expect(loadStrategy('no-such-strategy', url, 'nobody')).rejects.toThrow(/there is no trader database at postgres:\/\/postgres:\*\*\*@.*\(schema trader_nobody\)/);
  });

  it('replay --from 1 rebuilds the read models in the account schema', async () => {
    const replay = await trader(['replay', '--from', '1'], { TRADER_DB: url, TRADER_ACCOUNT: 'reads' });
    expect(replay.code).toBe(0);
    expect(replay.stdout.split('\n')).toEqual(tradingProjections().map((projection) => `${projection.name} rebuilt to position 3`));
    expect(replay.stderr).not.toContain('s3cret');
  });

  it('replay refuses, changing nothing, while a trader of the account holds its lease; a trader starting meanwhile would be a standby', async () => {
    const trading = new PgAccountLease({ url: pg.url, account: 'reads', applicationName: 'upbit-trader lease reads test-host:1' });
    const checkpoints = (): unknown[] => {
      const db = new PgSyncDatabase(pg.url, { schema: accountSchema('reads') });
      try {
        return db.query('SELECT subscriber, position, updated_at FROM checkpoints ORDER BY subscriber', []).rows;
      } finally {
        db.close();
      }
    };
    try {
      expect(trading.tryAcquire()).toBe(true);
      const before = checkpoints();
      const refused = await trader(['replay', '--from', '1'], { TRADER_DB: url, TRADER_ACCOUNT: 'reads' });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe('replay: account reads is in use: "upbit-trader lease reads test-host:1" holds its lease, so a trader of it is running; stop it (and let no standby take over) before replay. Nothing was changed');
      expect(refused.stdout).toBe('');
      expect(checkpoints()).toEqual(before);
      // It left no lock behind: the trader still holds the lease, and once it stops, replay runs.
      expect(trading.check()).toEqual({ held: true });
    } finally {
      trading.release();
    }
    const replay = await trader(['replay', '--from', '1'], { TRADER_DB: url, TRADER_ACCOUNT: 'reads' });
    expect(replay.code).toBe(0);
    // While replay held it, a trader starting would have found the lease taken; now it is free again.
    const next = new PgAccountLease({ url: pg.url, account: 'reads' });
    try {
      expect(next.tryAcquire()).toBe(true);
    } finally {
      next.release();
    }
  });
});
