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
    jest.useRealTimers();
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

  // The two timing tests run on jest's fake timers: the loop's waits (setTimeout) move only when the
  // test advances them, so the bounds are checked exactly instead of against the wall clock. The
  // lease's own calls are synchronous (PgSyncDatabase), so the real server answers in between.
  it('waits as a standby while another instance holds the lease, and takes over at its next poll + the grace once it is free', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    const other = lease();
    expect(other.tryAcquire()).toBe(true);
    const standby = instance(lease());
    await standby.kernel.start({ role: 'standby' });
    // It polled at start and after each poll interval: the lease stayed the other's.
    await jest.advanceTimersByTimeAsync(3 * settings.pollMs);
    expect(standby.calls).toEqual([]);
    expect(standby.kernel.status().role).toBe('standby');

    // Freed right after a poll: the worst case is a whole poll interval, then the grace.
    other.release();
    await jest.advanceTimersByTimeAsync(settings.pollMs);
    expect(standby.calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(settings.takeoverGraceMs - 1);
    expect(standby.calls).toEqual([]);
    expect(standby.kernel.status().role).toBe('standby');
    await jest.advanceTimersByTimeAsync(1);
    expect(standby.calls).toEqual(['start writer']);
    expect(standby.kernel.status().role).toBe('active');
    expect(standby.exits).toEqual([]);
  });

  it('halts the active instance at its next check when its lease session is ended under it: every component stops, exit code 1', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    const own = lease();
    expect(own.tryAcquire()).toBe(true);
    const active = instance(own);
    await active.kernel.start();
    expect(active.calls).toEqual(['start writer']);
    // Two checks passed (the lease is held); the session ends right after the second.
    await jest.advanceTimersByTimeAsync(2 * settings.checkMs);
    expect(active.exits).toEqual([]);

    const admin = new PgSyncDatabase(database.url);
    cleanups.push(() => void admin.close());
    // With a timeout, pg_terminate_backend returns once the session is gone (true), not when it was signalled.
    expect(admin.query('SELECT pg_terminate_backend($1, 5000) AS gone', [own.backendPid]).rows).toEqual([{ gone: true }]);
    await jest.advanceTimersByTimeAsync(settings.checkMs - 1);
    expect(active.exits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(active.exits).toEqual([1]);
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
