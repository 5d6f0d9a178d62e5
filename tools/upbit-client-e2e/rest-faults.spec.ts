import { ExchangeBlockedError, OrderRequest } from '@trader/application';
import { eventually } from '@trader/runtime';
import { RateLimitAlert, upbitRateLimits } from '@trader/upbit';
import { UPBIT_RATE_LIMITS } from '@trader/upbit-sim';
import { Dec } from '@trader/domain';
import { Harness, admin, startHarness } from './client-harness';

let sequence = 0;
function identifier(): string {
  sequence += 1;
  return `fault-${process.pid}-${Date.now()}-${sequence}`;
}

async function restingBuy(h: Harness): Promise<OrderRequest> {
  const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
  const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
  const tick = instrument?.tickSize ?? new Dec(1000);
  const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
  return { market: 'KRW-BTC', side: 'bid', ordType: 'limit', price, volume: new Dec('0.001'), identifier: identifier() };
}

describe('Upbit client: failures injected by the simulator', () => {
  describe('order creation and retried reads', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({}, { orderTimeoutMs: 300, http: { timeouts: { connectMs: 1_000, headersMs: 300, bodyMs: 1_000 } }, retry: { attempts: 4, baseMs: 20, maxMs: 100 } });
    });
    afterAll(() => h.close());
    afterEach(() => h.sim.admin.clearFaults());

    it('reports an unknown outcome, with its identifier, when the answer to an executed order never comes', async () => {
      h.sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'timeout' } });
      const request = await restingBuy(h);
      const before = h.client.rest.stats().requests;

      const submission = await h.client.gateway.placeOrder(request);

      expect(submission).toEqual({ outcome: 'unknown', identifier: request.identifier, reason: expect.stringMatching(/timeout/) });
      // Sent once, never retried; the order did reach the book and is found by its identifier.
      expect(h.client.rest.stats().requests).toBe(before + 1);
      const found = await h.client.gateway.getOrdersByIds({ market: 'KRW-BTC', identifiers: [request.identifier] });
      expect(found).toHaveLength(1);
      expect(found[0]?.state).toBe('wait');
      await h.client.gateway.cancelOrder({ identifier: request.identifier });
    });

    it('reports an unknown outcome on a 5xx after execution and on a 429 to an order', async () => {
      h.sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'server-error', status: 502 } });
      const first = await restingBuy(h);
      await expect(h.client.gateway.placeOrder(first)).resolves.toEqual(expect.objectContaining({ outcome: 'unknown', identifier: first.identifier, reason: 'HTTP 502' }));
      h.sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'before', action: { kind: 'rate-limit' } });
      const second = await restingBuy(h);
      await expect(h.client.gateway.placeOrder(second)).resolves.toEqual(expect.objectContaining({ outcome: 'unknown', identifier: second.identifier, reason: 'HTTP 429' }));
      const found = await h.client.gateway.getOrdersByIds({ market: 'KRW-BTC', identifiers: [first.identifier, second.identifier] });
      // The 502 came after the order was placed; the 429 came before: exactly one exists.
      expect(found.map((o) => o.identifier)).toEqual([first.identifier]);
      await h.client.gateway.cancelOrder({ identifier: first.identifier });
    });

    it('retries an idempotent read through 5xx answers and a time-out', async () => {
      h.sim.admin.injectRestFault({ method: 'GET', path: '/accounts', phase: 'before', action: { kind: 'server-error', status: 503 }, times: 2 });
      h.sim.admin.injectRestFault({ method: 'GET', path: '/accounts', phase: 'before', action: { kind: 'timeout' }, times: 1 });
      const retriesBefore = h.client.rest.stats().retries;
      const accounts = await h.client.gateway.getAccounts();
      expect(accounts.length).toBeGreaterThan(0);
      expect(h.client.rest.stats().retries - retriesBefore).toBe(3);
    });

    it('gives up on a read after its attempts with a typed error', async () => {
      h.sim.admin.injectRestFault({ method: 'GET', path: '/accounts', phase: 'before', action: { kind: 'server-error', status: 500 }, times: 10 });
      await expect(h.client.gateway.getAccounts()).rejects.toEqual(expect.objectContaining({ code: 'EXCHANGE_UNAVAILABLE', attempts: 4 }));
    });

    it('works with the admin endpoint over HTTP too (drill path)', async () => {
      await admin(h.sim, '/faults/rest', { method: 'GET', path: '/ticker', phase: 'before', action: { kind: 'server-error', status: 500 } });
      await expect(h.client.queries.getTickers(['KRW-BTC'])).resolves.toHaveLength(1);
    });
  });

  describe('429 and 418 from the real limits', () => {
    // The simulator allows 2 ticker requests per second while this client believes in 50: the client
    // is made to overrun, so the simulator's 429 and 418 answers are real, not injected.
    const tightTicker = { ...UPBIT_RATE_LIMITS, groups: { ...UPBIT_RATE_LIMITS.groups, ticker: { limit: 2, windowMs: 1_000 } } };
    const looseClient = { limits: { ...upbitRateLimits, ticker: { scope: 'ip' as const, windows: [{ limit: 50, windowMs: 1_000 }] } }, pauseBaseMs: 300 };

    it('on 429 pauses the group, backs off and completes every read', async () => {
      const h = await startHarness({ rateLimits: { ...tightTicker, rejectionsBeforeBlock: 100 } }, { rateLimits: looseClient, retry: { attempts: 6, baseMs: 10, maxMs: 50 } });
      try {
        const results = await Promise.all(Array.from({ length: 6 }, () => h.client.queries.getTickers(['KRW-BTC'])));
        expect(results.every((r) => r.length === 1)).toBe(true);
        expect(h.client.rest.stats().status429).toBeGreaterThan(0);
        expect(h.client.limiter.stats().groups['ip:ticker']?.throttled).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    });

    it('on 418 stops every call until the block ends and raises an alert', async () => {
      // 2 per minute, not per second: the 4 calls overrun it however slowly a loaded machine sends them.
      const perMinute = { ...tightTicker, groups: { ...tightTicker.groups, ticker: { limit: 2, windowMs: 60_000 } } };
      const h = await startHarness({ rateLimits: { ...perMinute, rejectionsBeforeBlock: 0, blockMs: 2_000 } }, { rateLimits: looseClient });
      const alerts: RateLimitAlert[] = [];
      h.client.limiter.onAlert((alert) => alerts.push(alert));
      try {
        const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => h.client.queries.getTickers(['KRW-BTC'])));
        expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual(
          expect.arrayContaining([expect.any(ExchangeBlockedError)]),
        );
        expect(alerts).toHaveLength(1);
        expect(alerts[0]).toEqual(expect.objectContaining({ kind: 'exchange-blocked', group: 'ticker' }));
        const [alert] = alerts;
        expect((alert?.until ?? 0) - (alert?.at ?? 0)).toBe(2_000);

        // Another group, while blocked: refused here, without a request reaching the simulator.
        const sent = h.client.rest.stats().requests;
        await expect(h.client.queries.listMarkets()).rejects.toBeInstanceOf(ExchangeBlockedError);
        expect(h.client.rest.stats().requests).toBe(sent);

        await eventually(async () => expect(await h.client.queries.listMarkets()).not.toHaveLength(0), { timeoutMs: 5_000, intervalMs: 100 });
        expect(Date.now()).toBeGreaterThanOrEqual(alert?.until ?? Number.POSITIVE_INFINITY);
      } finally {
        await h.close();
      }
    });
  });
});
