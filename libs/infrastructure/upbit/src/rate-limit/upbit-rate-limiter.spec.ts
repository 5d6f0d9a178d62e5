import { ExchangeBlockedError, ExchangeBusyError } from '@trader/application';
import { SystemClock } from '@trader/runtime';
import { UpbitClientStoppedError } from './rate-limit.errors';
import { RateLimiterSettings, defaultRateLimiterSettings, upbitRateLimits } from './rate-limit.table';
import { RateLimitAlert, UpbitRateLimiter } from './upbit-rate-limiter';

// Jest's modern fake timers also fake Date.now, so SystemClock and the limiter's timers share one
// fake time line that the tests advance explicitly.
function limiter(overrides: Partial<RateLimiterSettings> = {}): UpbitRateLimiter {
  const l = new UpbitRateLimiter(new SystemClock(), { ...defaultRateLimiterSettings, safetyMargin: 1, windowPaddingMs: 0, ...overrides });
  l.start();
  return l;
}

function settle<T>(promise: Promise<T>): { state: () => 'pending' | 'resolved' | 'rejected'; error: () => unknown } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  let error: unknown;
  promise.then(
    () => (state = 'resolved'),
    (e: unknown) => {
      state = 'rejected';
      error = e;
    },
  );
  return { state: () => state, error: () => error };
}

describe('UpbitRateLimiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('grants waiting requests strictly in arrival order as the window frees up', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, ticker: { scope: 'ip', windows: [{ limit: 2, windowMs: 1_000 }] } } });
    const order: number[] = [];
    const all = [0, 1, 2, 3, 4].map((i) =>
      l.acquire('ticker').then((permit) => {
        order.push(i);
        permit.done();
      }),
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0, 1]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual([0, 1, 2, 3]);
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts the requests that had to wait and how long the granted ones waited', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, ticker: { scope: 'ip', windows: [{ limit: 1, windowMs: 1_000 }] } } });
    (await l.acquire('ticker')).done();
    const waiting = l.acquire('ticker').then((permit) => permit.done());
    await jest.advanceTimersByTimeAsync(1_000);
    await waiting;
    expect(l.stats().groups['ip:ticker']).toEqual(expect.objectContaining({ granted: 2, queued: 1, waitedMs: 1_000 }));
  });

  it('grants a queued cancel or order lookup before reads queued earlier in the same group, in arrival order among each', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, default: { scope: 'account', windows: [{ limit: 1, windowMs: 1_000 }] } } });
    (await l.acquire('default')).done();
    const order: string[] = [];
    const take = (name: string, priority?: 'urgent' | 'normal'): Promise<void> =>
      l.acquire('default', priority ? { priority } : {}).then((permit) => {
        order.push(name);
        permit.done();
      });
    const all = [take('accounts'), take('open-orders', 'normal'), take('cancel', 'urgent'), take('closed-orders'), take('lookup', 'urgent')];
    await jest.advanceTimersByTimeAsync(5_000);
    await Promise.all(all);
    expect(order).toEqual(['cancel', 'lookup', 'accounts', 'open-orders', 'closed-orders']);
  });

  it('fails fast with queue_full when the line is full', async () => {
    const l = limiter({ queueCapacity: 2, limits: { ...upbitRateLimits, order: { scope: 'account', windows: [{ limit: 1, windowMs: 1_000 }] } } });
    (await l.acquire('order')).done();
    const waiting = [settle(l.acquire('order').then((p) => p.done())), settle(l.acquire('order').then((p) => p.done()))];
    await expect(l.acquire('order')).rejects.toEqual(expect.objectContaining({ code: 'EXCHANGE_BUSY', reason: 'queue_full' }));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(waiting.map((w) => w.state())).toEqual(['resolved', 'resolved']);
    expect(l.stats().groups['account:order']).toEqual(expect.objectContaining({ rejectedQueueFull: 1, granted: 3 }));
  });

  it('fails a request still waiting at its deadline, without sending it', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, order: { scope: 'account', windows: [{ limit: 1, windowMs: 5_000 }] } } });
    (await l.acquire('order')).done();
    const late = settle(l.acquire('order', { maxWaitMs: 1_000 }));
    await jest.advanceTimersByTimeAsync(999);
    expect(late.state()).toBe('pending');
    await jest.advanceTimersByTimeAsync(2);
    expect(late.state()).toBe('rejected');
    expect(late.error()).toBeInstanceOf(ExchangeBusyError);
    expect(late.error()).toEqual(expect.objectContaining({ reason: 'deadline' }));
  });

  it('pauses a group after 429, longer after each consecutive one, and resets on success', () => {
    const l = limiter();
    const now = Date.now();
    expect(l.tooManyRequests('ticker')).toBe(now + 1_000);
    expect(l.tooManyRequests('ticker')).toBe(now + 2_000);
    expect(l.tooManyRequests('ticker')).toBe(now + 4_000);
    l.succeeded('ticker');
    expect(l.tooManyRequests('ticker')).toBe(now + 1_000);
    expect(l.stats().groups['ip:ticker']?.throttled).toBe(4);
  });

  it('on 418 stops every call of every group until the block ends, fails waiters and raises one alert', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, order: { scope: 'account', windows: [{ limit: 1, windowMs: 60_000 }] } } });
    const alerts: RateLimitAlert[] = [];
    l.onAlert((alert) => alerts.push(alert));
    (await l.acquire('order')).done();
    const waiter = settle(l.acquire('order'));
    const until = l.blocked('order', 10_000);
    await jest.advanceTimersByTimeAsync(0);
    expect(waiter.error()).toBeInstanceOf(ExchangeBlockedError);
    await expect(l.acquire('ticker')).rejects.toEqual(expect.objectContaining({ code: 'EXCHANGE_BLOCKED', until }));
    // A second 418 from a request that was already in flight extends the block, without a new alert.
    l.blocked('ticker', 5_000);
    expect(alerts).toEqual([{ kind: 'exchange-blocked', group: 'order', at: until - 10_000, until }]);
    expect(l.stats().blocks).toBe(1);
    expect(l.health()).toEqual(expect.objectContaining({ status: 'down' }));
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(l.acquire('ticker')).resolves.toEqual({ done: expect.any(Function) });
  });

  it('keeps a granted request counted until its answer is in', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, order: { scope: 'account', windows: [{ limit: 1, windowMs: 1_000 }] } } });
    const slow = await l.acquire('order');
    const next = settle(l.acquire('order'));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(next.state()).toBe('pending');
    slow.done();
    await jest.advanceTimersByTimeAsync(999);
    expect(next.state()).toBe('pending');
    await jest.advanceTimersByTimeAsync(1);
    expect(next.state()).toBe('resolved');
  });

  it('adopts the Remaining-Req header of the group it names', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, default: { scope: 'account', windows: [{ limit: 30, windowMs: 1_000 }] } } });
    l.adoptRemainingReq('group=default; min=1800; sec=1', 'default');
    (await l.acquire('default')).done();
    const next = settle(l.acquire('default'));
    await jest.advanceTimersByTimeAsync(10);
    expect(next.state()).toBe('pending');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(next.state()).toBe('resolved');
  });

  it('rejects waiting requests when stopped', async () => {
    const l = limiter({ limits: { ...upbitRateLimits, order: { scope: 'account', windows: [{ limit: 1, windowMs: 60_000 }] } } });
    (await l.acquire('order')).done();
    const waiter = settle(l.acquire('order'));
    l.stop();
    await jest.advanceTimersByTimeAsync(0);
    expect(waiter.error()).toBeInstanceOf(UpbitClientStoppedError);
    expect(jest.getTimerCount()).toBe(0);
  });
});
