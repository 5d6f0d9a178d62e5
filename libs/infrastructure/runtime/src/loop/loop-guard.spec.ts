import { ManualClock } from '@trader/domain';
import { silentLogger } from '../logging/runtime-logger';
import { eventually } from '../testing/eventually';
import { LoopGuard } from './loop-guard';
import { LoopBlockedError, ResourceOwnershipError } from './loop-guard.errors';

/** Holds the event loop for `ms` on purpose, as a CPU-bound burst would. */
function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: this is the block under test
  }
}

describe('LoopGuard', () => {
  let guard: LoopGuard | undefined;
  afterEach(() => guard?.stop());

  it('notices a deliberate 200 ms block of the event loop and records it', async () => {
    guard = new LoopGuard(new ManualClock(42), silentLogger, { thresholdMs: 100, probeIntervalMs: 20, mode: 'report' });
    guard.start();
    // The delay histogram needs one timer tick of its own before it measures anything.
    await eventually(() => expect(guard?.snapshot().samples).toBeGreaterThan(0));
    blockFor(200);

    const [violation] = await eventually(() => {
      const found = guard?.violations() ?? [];
      expect(found).toHaveLength(1);
      return found;
    });
    expect(violation).toEqual(expect.objectContaining({ kind: 'blocked', where: 'unknown', at: 42 }));
    expect(violation?.blockedMs).toBeGreaterThanOrEqual(150);
    const snapshot = guard.snapshot();
    expect(snapshot.violations).toBe(1);
    expect(snapshot.maxMs).toBeGreaterThanOrEqual(150);
    expect(snapshot.p50Ms).toBeLessThan(snapshot.maxMs);
  });

  it('names the code that blocked when it ran inside measure(), and throws in strict mode', () => {
    guard = new LoopGuard(new ManualClock(), silentLogger, { thresholdMs: 50, mode: 'strict' });
    expect(guard.measure('fast', 'strategy', () => 7)).toBe(7);
    expect(() => guard?.measure('rebuild-indicators', 'strategy-runner', () => blockFor(80))).toThrow(LoopBlockedError);
    expect(guard.violations()).toEqual([
      expect.objectContaining({ kind: 'blocked', where: 'rebuild-indicators', owner: 'strategy-runner' }),
    ]);
  });

  it('only records in report mode', () => {
    guard = new LoopGuard(new ManualClock(), silentLogger, { thresholdMs: 20, mode: 'report' });
    expect(guard.measure('slow', 'owner', () => {
      blockFor(40);
      return 'done';
    })).toBe('done');
    expect(guard.snapshot().violations).toBe(1);
  });

  it('lets a resource be used on the thread that claimed it', () => {
    guard = new LoopGuard(new ManualClock(), silentLogger, { mode: 'strict' });
    guard.claim('sqlite:trader.db', 'event-store');
    expect(() => guard?.assertOwner('sqlite:trader.db', 'append')).not.toThrow();
    expect(guard.violations()).toEqual([]);
  });

  it('refuses a resource used from another thread, naming the owner', () => {
    let thread = 0;
    guard = new LoopGuard(new ManualClock(), silentLogger, { mode: 'strict' }, () => thread);
    guard.claim('ws:public', 'upbit-websocket');
    thread = 3;
    expect(() => guard?.assertOwner('ws:public', 'worker.send')).toThrow(
      new ResourceOwnershipError('ws:public', 'worker.send', 'worker.send used resource "ws:public" from thread 3; it belongs to upbit-websocket on thread 0'),
    );
    expect(guard.violations()).toEqual([
      expect.objectContaining({ kind: 'foreign-thread', resource: 'ws:public', where: 'worker.send', owner: 'upbit-websocket' }),
    ]);
  });

  it('records a resource nobody claimed, without throwing in report mode', () => {
    guard = new LoopGuard(new ManualClock(), silentLogger, { mode: 'report' });
    guard.assertOwner('http:upbit', 'placeOrder');
    expect(guard.violations()).toEqual([expect.objectContaining({ kind: 'unclaimed-resource', resource: 'http:upbit' })]);
  });
});
