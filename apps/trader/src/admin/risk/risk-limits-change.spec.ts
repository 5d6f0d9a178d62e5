import { eventually } from '@trader/runtime';
import { harnessLimits as limits, startTradingApp, TradingAppHarness } from '../../test-support/trading-app.harness';

const restingOrderId = '5b2f6c1e-8a4d-4e0b-9f3a-7c1d2e3f4a5b';

interface RiskBody {
  limits: { maxOpenOrders: number; maxNotionalPerOrder: string } | null;
}

describe('PUT /api/v1/risk/limits: a session config change, deferred while an order is in flight', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp();
    await h.reconcile();
  });
  afterAll(() => h.close());

  const riskLimits = async () => ((await h.call('GET', '/api/v1/risk')).body as RiskBody).limits;
  const eventTypes = async () => ((await h.call('GET', '/api/v1/events?limit=1000')).body as { events: { type: string }[] }).events.map((e) => e.type);

  it('applies at once with nothing in flight: 204 and the limits are in force when it answers', async () => {
    expect((await h.call('PUT', '/api/v1/risk/limits', limits)).status).toBe(204);
    expect(await riskLimits()).toEqual(expect.objectContaining({ maxOpenOrders: limits.maxOpenOrders }));
    expect(await eventTypes()).toEqual(expect.arrayContaining(['ConfigChangeApplied', 'RiskLimitsConfigured']));
  });

  it('refuses invalid limits with the field and records nothing', async () => {
    const before = (await eventTypes()).length;
    const refused = await h.call('PUT', '/api/v1/risk/limits', { ...limits, maxDrawdownPercent: '0' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('maxDrawdownPercent');
    expect((await eventTypes()).length).toBe(before);
  });

  it('defers a change while an order rests on the book, shows it pending, and applies it when the order ends', async () => {
    // Below the book's ask, so the paper exchange rests it and it stays in flight.
    const placed = await h.call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '90000000', volume: '0.001', clientOrderId: restingOrderId });
    expect(placed.status).toBe(201);
    await eventually(async () => expect((await h.call('GET', `/api/v1/orders/${restingOrderId}`)).body).toEqual(expect.objectContaining({ status: 'accepted' })));

    const changed = await h.call('PUT', '/api/v1/risk/limits', { ...limits, maxOpenOrders: 3 });
    expect(changed.status).toBe(202);
    const body = changed.body as { changeId: string; outcome: string; waitingFor: string[] };
    expect(body).toEqual({ changeId: expect.any(String), outcome: 'deferred', waitingFor: [restingOrderId] });
    expect(await riskLimits()).toEqual(expect.objectContaining({ maxOpenOrders: limits.maxOpenOrders }));
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(
      expect.objectContaining({ deferredChanges: [expect.objectContaining({ changeId: body.changeId, key: 'risk.limits' })] }),
    );

    // A second change queued behind the first: the newest wins once the order ends.
    expect((await h.call('PUT', '/api/v1/risk/limits', { ...limits, maxOpenOrders: 4 })).status).toBe(202);
    expect((await h.call('DELETE', `/api/v1/orders/${restingOrderId}`)).status).toBe(202);
    await eventually(async () => expect(await riskLimits()).toEqual(expect.objectContaining({ maxOpenOrders: 4 })), { timeoutMs: 10_000 });
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ deferredChanges: [], ordersInFlight: [] }));
  });
});
