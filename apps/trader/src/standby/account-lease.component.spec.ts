import { PgAccountLease, PgSyncDatabase } from '@trader/events';
import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '@trader/events/testing';
import { AppKernel, eventually, silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import type { KernelComponent } from '@trader/runtime';
import { AccountLeaseComponent, AccountLeaseSettings } from './account-lease.component';

const settings: AccountLeaseSettings = { pollMs: 100, checkMs: 50, takeoverGraceMs: 100 };

describeWithPg('AccountLeaseComponent (standby polling, takeover, halting on a lost lease)', () => {
  let database: PgTestDatabase;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => database.drop());

  const lease = (): PgAccountLease => {
    const made = new PgAccountLease({ url: database.url, account: 'desk' });
    cleanups.push(() => made.release());
    return made;
  };

  /** A kernel shaped like the trader's: the lease after the tasks, a writer (the event store) after the lease. */
  const instance = (own: PgAccountLease, writerStart: () => void = () => undefined) => {
    const clock = new SystemClock();
    const tasks = new TaskManager(clock, silentLogger);
    const kernel = new AppKernel(clock, silentLogger);
    const calls: string[] = [];
    const exits: number[] = [];
    const writer: KernelComponent = {
      name: 'event-store',
      dependsOn: ['tasks', 'account-lease'],
      activeOnly: true,
      start: () => {
        calls.push('start writer');
        writerStart();
      },
      stop: () => {
        calls.push('stop writer');
      },
    };
    kernel.register({ name: 'tasks', start: () => undefined, stop: () => tasks.shutdown(1_000).then(() => undefined) });
    kernel.register(new AccountLeaseComponent(own, kernel, tasks, clock, silentLogger, settings, (code) => exits.push(code)));
    kernel.register(writer);
    cleanups.push(() => kernel.stop());
    return { kernel, calls, exits };
  };

  it('waits as a standby while another instance holds the lease, and takes over within poll + grace once it is free', async () => {
    const other = lease();
    expect(other.tryAcquire()).toBe(true);
    const standby = instance(lease());
    await standby.kernel.start({ role: 'standby' });
    await new Promise((resolve) => setTimeout(resolve, 3 * settings.pollMs));
    expect(standby.calls).toEqual([]);
    expect(standby.kernel.status().role).toBe('standby');

    const freedAt = Date.now();
    other.release();
    await eventually(() => expect(standby.calls).toEqual(['start writer']), { timeoutMs: 5_000, intervalMs: 5 });
    const tookMs = Date.now() - freedAt;
    expect(standby.kernel.status().role).toBe('active');
    // At most one poll interval, the grace, and scheduling slack on a busy machine.
    expect(tookMs).toBeGreaterThanOrEqual(settings.takeoverGraceMs);
    expect(tookMs).toBeLessThan(settings.pollMs + settings.takeoverGraceMs + 1_000);
    expect(standby.exits).toEqual([]);
  });

  it('halts the active instance when its lease session is ended under it: every component stops, exit code 1', async () => {
    const own = lease();
    expect(own.tryAcquire()).toBe(true);
    const active = instance(own);
    await active.kernel.start();
    expect(active.calls).toEqual(['start writer']);

    const admin = new PgSyncDatabase(database.url);
    cleanups.push(() => void admin.close());
    const endedAt = Date.now();
    admin.query('SELECT pg_terminate_backend($1)', [own.backendPid]);
    await eventually(() => expect(active.exits).toEqual([1]), { timeoutMs: 5_000, intervalMs: 5 });
    expect(Date.now() - endedAt).toBeLessThan(settings.checkMs + 1_000);
    expect(active.calls).toEqual(['start writer', 'stop writer']);
    expect(active.kernel.status().state).toBe('stopped');
    // The lock went with the session: another instance can take it.
    expect(lease().tryAcquire()).toBe(true);
  });

  it('exits with 1 when a held-back component fails to start on takeover', async () => {
    const standby = instance(lease(), () => {
      throw new Error('read models unreachable');
    });
    const other = lease();
    expect(other.tryAcquire()).toBe(true);
    await standby.kernel.start({ role: 'standby' });
    other.release();
    await eventually(() => expect(standby.exits).toEqual([1]), { timeoutMs: 5_000, intervalMs: 5 });
    expect(standby.kernel.status().state).toBe('failed');
  });

  it('gives the lease up on a clean stop, so a standby takes over at its next poll', async () => {
    const own = lease();
    expect(own.tryAcquire()).toBe(true);
    const active = instance(own);
    await active.kernel.start();
    const standby = instance(lease());
    await standby.kernel.start({ role: 'standby' });

    await active.kernel.stop();
    expect(own.held).toBe(false);
    await eventually(() => expect(standby.kernel.status().role).toBe('active'), { timeoutMs: 5_000, intervalMs: 5 });
    expect(active.exits).toEqual([]);
  });
});
