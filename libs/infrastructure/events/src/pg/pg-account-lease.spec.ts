import { ManualClock } from '@trader/domain';
import { eventually } from '@trader/runtime';
import { spawn } from 'node:child_process';
import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { accountSchema } from './account-schema';
import { migratePg } from './migrate-pg';
import { PgAccountLease } from './pg-account-lease';
import { AccountLeaseNotHeldError, LeaseFenceTakenError } from './pg-account-lease.errors';
import { PgAppendConnection } from './pg-append-connection';
import { PgEventStore } from './pg-event-store';
import { PgSyncDatabase } from './pg-sync-database';

describeWithPg('PgAccountLease (at most one active instance per account)', () => {
  let database: PgTestDatabase;
  const open: Array<{ release(): void } | { close(): unknown }> = [];
  const lease = (account = 'main'): PgAccountLease => {
    const made = new PgAccountLease({ url: database.url, account });
    open.push(made);
    return made;
  };
  const connection = (schema?: string): PgSyncDatabase => {
    const made = new PgSyncDatabase(database.url, schema ? { schema } : {});
    open.push(made);
    return made;
  };
  /**
   * Ends a server session the way a restart, an operator or a dead network would, and waits (up to 5 s)
   * until its process is gone: without the wait, an append in between still found the lease held, as
   * it was, and was stored (a CI run failed so).
   */
  const terminate = (pid: number): void => {
    const ended = (connection().query('SELECT pg_terminate_backend($1, 5000)', [pid], { array: true }).rows[0] as [boolean])[0];
    if (!ended) throw new Error(`session ${pid} did not end within 5 s`);
  };

  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) {
      if ('release' in item) item.release();
      else await item.close();
    }
  });
  afterAll(() => database.drop());

  it('lets one instance of an account hold it; the next takes it once it is released', () => {
    const a = lease();
    const b = lease();
    expect(a.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    // Asking again while holding it does not stack a second lock (one release frees it).
    expect(a.tryAcquire()).toBe(true);
    a.release();
    expect(b.tryAcquire()).toBe(true);
    expect(b.check()).toEqual({ held: true });
  });

  it('keeps accounts apart: each account has its own lease', () => {
    expect(lease('alpha').tryAcquire()).toBe(true);
    expect(lease('beta').tryAcquire()).toBe(true);
    expect(lease('alpha').tryAcquire()).toBe(false);
  });

  it('is free at once when the process holding it is killed with SIGKILL', async () => {
    const key = lease('killed').key;
    // Another process takes the lock as a trader's lease connection does, then is killed.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const pg = require(${JSON.stringify(require.resolve('pg'))});
         const client = new pg.Client({ connectionString: process.argv[1] });
         client.connect().then(() => client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [process.argv[2]])).then(() => console.log('held'));`,
        database.url,
        key,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve()));
    const standby = lease('killed');
    expect(standby.tryAcquire()).toBe(false);

    child.kill('SIGKILL');
    await exited;
    // The server ends the session as soon as the socket closes (a few milliseconds here). The bound is
    // far above that, for a loaded CI machine, and far below what it guards against: a session that
    // outlived its process would hold the lock until TCP keep-alive gave up on it, minutes later.
    await eventually(() => expect(standby.tryAcquire()).toBe(true), { timeoutMs: 10_000, intervalMs: 10 });
  });

  it('reports the lease lost once its session is gone, and stays lost; another instance can take it', () => {
    const active = lease();
    expect(active.tryAcquire()).toBe(true);
    terminate(active.backendPid as number);

    const check = active.check();
    expect(check.held).toBe(false);
    expect(check).toEqual({ held: false, reason: expect.stringContaining('the lease connection failed') });
    expect(active.held).toBe(false);
    expect(active.check().held).toBe(false);
    expect(lease().tryAcquire()).toBe(true);
  });

  // Both ways the store sends its one-statement appends: on the worker connection, and awaited on a
  // connection of their own (PgAppendConnection, as EventStoreRuntime builds the store).
  it.each([
    ['on the worker connection', 'main', false],
    ['on its append connection', 'appends', true],
  ])('refuses appends while this process does not hold the lease, even before the holder notices it lost it (%s)', async (_, account, ownConnection) => {
    const schema = accountSchema(account);
    const db = connection(schema);
    migratePg(db, schema, 0);
    const active = lease(account);
    const store = new PgEventStore(db, {
      clock: new ManualClock(),
      lease: active,
      ...(ownConnection ? { appendConnection: new PgAppendConnection(database.url, { schema }) } : {}),
    });
    open.push({ close: () => store.close() });
    const event = (id: string) => ({ eventId: id, type: 'Counted', data: { id }, metadata: {} });

    // A standby: refused, nothing written.
    await expect(store.append('counter-1', 'any', [event('e1')])).rejects.toBeInstanceOf(AccountLeaseNotHeldError);
    expect(store.lastPosition()).toBe(0);

    expect(active.tryAcquire()).toBe(true);
    await store.append('counter-1', 'any', [event('e1')]);
    expect(store.lastPosition()).toBe(1);

    // The fence of the checked path (conflicts, replays), as the store runs it inside its transaction.
    const fenceHolds = (): boolean => {
      const fence = active.appendFenceQuery();
      db.exec('BEGIN');
      try {
        return (db.query(fence.text, fence.values, { array: true }).rows[0] as [boolean])[0];
      } finally {
        db.exec('ROLLBACK');
      }
    };
    expect(fenceHolds()).toBe(true);

    // The lease session dies; the process has not checked its lease yet. Refused by the fence inside the
    // one-statement append, whatever the append (one whose expected version does not match included).
    terminate(active.backendPid as number);
    expect(active.held).toBe(true);
    await eventually(() => expect(store.append('counter-1', 'any', [event('e2')])).rejects.toBeInstanceOf(AccountLeaseNotHeldError), { timeoutMs: 5_000, intervalMs: 10 });
    await expect(store.append('counter-1', 7, [event('e2')])).rejects.toBeInstanceOf(AccountLeaseNotHeldError);
    expect(fenceHolds()).toBe(false);
    // Another instance takes it: still refused.
    await eventually(() => expect(lease(account).tryAcquire()).toBe(true), { timeoutMs: 5_000, intervalMs: 10 });
    await expect(store.append('counter-1', 'any', [event('e2')])).rejects.toThrow(`does not hold the lease of account schema ${schema}`);
    expect(fenceHolds()).toBe(false);
    expect(store.lastPosition()).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it('fences the one-statement append: an instance holding the lease appends with one append_events call', async () => {
    const schema = accountSchema('fast');
    const db = connection(schema);
    migratePg(db, schema, 0);
    // Counts this session's calls of PL/pgSQL functions (a superuser setting; the tests connect as one).
    db.exec("SET track_functions = 'pl'");
    const calls = (): number => {
      db.query('SELECT pg_stat_force_next_flush()', []);
      const row = db.query("SELECT calls FROM pg_stat_user_functions WHERE schemaname = $1 AND funcname = 'append_events'", [schema], { array: true }).rows[0] as [number | string] | undefined;
      return Number(row?.[0] ?? 0);
    };
    const active = lease('fast');
    const store = new PgEventStore(db, { clock: new ManualClock(), lease: active });
    const event = (id: string) => ({ eventId: id, type: 'Counted', data: { id }, metadata: {} });

    // Not holding the lease: refused before anything is sent, nothing written.
    await expect(store.append('counter-1', 'any', [event('e1')])).rejects.toBeInstanceOf(AccountLeaseNotHeldError);
    expect(store.lastPosition()).toBe(0);

    expect(active.tryAcquire()).toBe(true);
    const held = calls();
    for (let n = 1; n <= 5; n += 1) await store.append('counter-1', n - 1, [event(`e${n}`)]);
    expect(calls() - held).toBe(5);
    expect([...store.readStream('counter-1')].map((e) => e.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(db.inTransaction).toBe(false);
  });

  it('gives the lease back at once when the fence key it drew is held by another session, and holds nothing', () => {
    const taken = '-4242424242424242';
    const other = connection();
    other.query('SELECT pg_advisory_lock($1::bigint)', [taken]);
    const unlucky = new PgAccountLease({ url: database.url, account: 'fenced', drawFenceKey: () => taken });
    open.push(unlucky);

    expect(() => unlucky.tryAcquire()).toThrow(LeaseFenceTakenError);
    expect(() => unlucky.tryAcquire()).toThrow(expect.objectContaining({ code: 'LEASE_FENCE_TAKEN', schema: accountSchema('fenced'), fenceKey: taken }));
    expect(unlucky.held).toBe(false);
    expect(() => unlucky.appendFence()).toThrow(AccountLeaseNotHeldError);
    // The lease lock was given back: another instance takes it at once.
    expect(lease('fenced').tryAcquire()).toBe(true);
  });

  it('frees the fence with the lease on release: the released instance appends nothing, and its old fence key is free', async () => {
    const schema = accountSchema('released');
    const db = connection(schema);
    migratePg(db, schema, 0);
    const active = lease('released');
    const store = new PgEventStore(db, { clock: new ManualClock(), lease: active });
    const event = (id: string) => ({ eventId: id, type: 'Counted', data: { id }, metadata: {} });
    expect(active.tryAcquire()).toBe(true);
    const fence = active.appendFence();
    await store.append('counter-1', 'any', [event('e1')]);

    active.release();

    await expect(store.append('counter-1', 'any', [event('e2')])).rejects.toBeInstanceOf(AccountLeaseNotHeldError);
    // What an append carrying the old key would ask inside its transaction: granted, so it would be refused.
    const probe = connection();
    probe.exec('BEGIN');
    expect((probe.query('SELECT pg_try_advisory_xact_lock_shared($1::bigint)', [fence], { array: true }).rows[0] as [boolean])[0]).toBe(true);
    probe.exec('ROLLBACK');
    expect(lease('released').tryAcquire()).toBe(true);
    expect(store.lastPosition()).toBe(1);
  });

  it('gives the lock up on release, so a standby takes it at its next poll', () => {
    const active = lease();
    expect(active.tryAcquire()).toBe(true);
    const standby = lease();
    expect(standby.tryAcquire()).toBe(false);
    active.release();
    expect(active.held).toBe(false);
    expect(standby.tryAcquire()).toBe(true);
  });
});
