import type { OpenAPIObject } from '@nestjs/swagger';
import { eventually } from '@trader/runtime';
import { responseViolations } from '../test-support/openapi-response-check';
import { harnessLimits, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

const limitBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '90000000', volume: '0.001' };

/**
 * The dashboard's API types are generated from the OpenAPI document, so the document must say what the
 * routes really answer: every answer here is checked against the schema the trader serves for its
 * route and status (required and optional fields, nulls, enums, no undocumented field).
 */
describe('response schemas of the orders, events, session, runtime, risk and health routes', () => {
  let h: TradingAppHarness;
  let document: OpenAPIObject;
  const checked: string[] = [];

  /** Calls the route and fails on any difference between its answer and its documented schema. */
  async function call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: unknown }> {
    const response = await h.call(method, path, body, token);
    expect({ route: `${method} ${path} ${response.status}`, violations: responseViolations(document, method, path, response.status, response.body) }).toEqual({
      route: `${method} ${path} ${response.status}`,
      violations: [],
    });
    checked.push(`${method} ${path} ${response.status}`);
    return response;
  }

  beforeAll(async () => {
    h = await startTradingApp();
    document = (await h.call('GET', '/api/docs-json')).body as OpenAPIObject;
    expect((await h.call('PUT', '/api/v1/risk/limits', harnessLimits)).status).toBe(204);
  });
  afterAll(() => h.close());

  it('orders: placed, denied, refused, listed, looked up and cancelled', async () => {
    expect((await call('POST', '/api/v1/orders', limitBuy)).status).toBe(422);
    expect((await call('POST', '/api/v1/orders', { ...limitBuy, volume: 1 })).body).toEqual(expect.objectContaining({ errors: expect.arrayContaining([expect.objectContaining({ field: 'volume' })]) }));
    await h.reconcile();
    const placed = (await call('POST', '/api/v1/orders', limitBuy)).body as { orderId: string };
    expect((await call('POST', '/api/v1/orders', { ...limitBuy, clientOrderId: placed.orderId })).body).toEqual(placed);
    expect((await call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'market', funds: '50000' })).status).toBe(201);
    await eventually(async () => expect((await call('GET', `/api/v1/orders/${placed.orderId}`)).body).toEqual(expect.objectContaining({ status: 'accepted', funds: null })));
    await eventually(async () => expect((await call('GET', '/api/v1/orders')).body).toEqual([expect.objectContaining({ status: 'filled', price: null, volume: null }), expect.anything()]));
    expect((await call('GET', '/api/v1/orders?open=true&market=KRW-BTC&limit=10')).body).toHaveLength(1);
    expect((await call('GET', '/api/v1/orders?status=sideways')).status).toBe(400);
    expect((await call('GET', '/api/v1/orders/0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b')).status).toBe(404);
    expect((await call('GET', '/api/v1/orders', undefined, null)).status).toBe(401);

    expect((await call('POST', '/api/v1/session/config-changes', { key: 'strategy.sizing', value: { krw: 100000 } })).body).toEqual(expect.objectContaining({ outcome: 'deferred' }));
    expect((await call('POST', '/api/v1/session/database-profile', { profile: 'backtest' })).body).toEqual(expect.objectContaining({ outcome: 'deferred' }));
    expect((await call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ deferredChanges: [expect.objectContaining({ kind: 'config' }), expect.objectContaining({ kind: 'database_profile' })] }));

    expect((await call('DELETE', `/api/v1/orders/${placed.orderId}`)).status).toBe(202);
    await eventually(async () => expect((await call('GET', `/api/v1/orders/${placed.orderId}`)).body).toEqual(expect.objectContaining({ status: 'cancelled' })));
    expect((await call('DELETE', `/api/v1/orders/${placed.orderId}`)).status).toBe(409);
    expect((await call('DELETE', '/api/v1/orders/not-a-uuid')).status).toBe(400);
    expect((await call('DELETE', '/api/v1/orders?market=KRW-BTC')).status).toBe(202);
    expect((await call('DELETE', '/api/v1/orders?market=bitcoin')).status).toBe(400);
  });

  it('session: read, halted, resumed, killed, released, changed', async () => {
    await eventually(async () => expect((await call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading', deferredChanges: [] })));
    expect((await call('POST', '/api/v1/session/halt', { reason: 'maintenance' })).status).toBe(204);
    expect((await call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'maintenance' }));
    expect((await call('POST', '/api/v1/session/halt', {})).status).toBe(400);
    expect((await call('POST', '/api/v1/session/resume')).status).toBe(204);
    expect((await call('POST', '/api/v1/session/resume')).status).toBe(409);
    expect((await call('POST', '/api/v1/session/start')).status).toBe(409);
    expect((await call('POST', '/api/v1/session/config-changes', { key: 'ui.theme', value: 'dark' })).body).toEqual(expect.objectContaining({ outcome: 'applied' }));
    expect((await call('POST', '/api/v1/session/config-changes', { key: '../etc', value: 1 })).status).toBe(400);
    expect((await call('POST', '/api/v1/session/database-profile', { profile: 'backtest' })).body).toEqual(expect.objectContaining({ outcome: 'refused' }));
    expect((await call('POST', '/api/v1/session/database-profile', { profile: '' })).status).toBe(400);
    expect((await call('POST', '/api/v1/session/kill', { reason: 'panic' })).status).toBe(201);
    expect((await call('POST', '/api/v1/session/kill', { reason: 'panic' })).status).toBe(409);
    expect((await call('POST', '/api/v1/session/kill', { reason: 42 })).status).toBe(400);
    expect((await call('POST', '/api/v1/session/release-kill-switch')).status).toBe(204);
    expect((await call('POST', '/api/v1/session/release-kill-switch')).status).toBe(409);
    expect((await call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'kill_switch', config: { 'ui.theme': 'dark', 'strategy.sizing': { krw: 100000 }, 'risk.limits': expect.objectContaining({ maxOpenOrders: expect.any(Number) }) } }));
    expect((await call('POST', '/api/v1/session/resume')).status).toBe(204);
  });

  it('events: pages, a correlation chain, the last page', async () => {
    const first = (await call('GET', '/api/v1/events?limit=2')).body as { nextPosition: number | null };
    expect(first.nextPosition).toBe(3);
    const order = ((await call('GET', '/api/v1/orders?limit=1')).body as { orderId: string }[])[0];
    expect((await call('GET', `/api/v1/events?correlationId=${order?.orderId ?? ''}`)).body).toEqual(expect.objectContaining({ nextPosition: null }));
    expect((await call('GET', '/api/v1/events?type=OrderFilled&from=1&limit=1000')).body).toEqual({ events: [expect.objectContaining({ type: 'OrderFilled' })], nextPosition: null });
    expect((await call('GET', '/api/v1/events?limit=0')).status).toBe(400);
  });

  it('runtime and health: with the token, and health without it', async () => {
    expect((await call('GET', '/api/v1/runtime')).body).toEqual(expect.objectContaining({ kernel: expect.objectContaining({ state: 'running' }) }));
    expect((await call('GET', '/api/v1/runtime', undefined, null)).status).toBe(401);
    expect((await call('GET', '/health')).body).toEqual(expect.objectContaining({ status: 'up', tasks: expect.any(Array) }));
    expect((await call('GET', '/health', undefined, null)).body).toEqual({ status: 'up', role: 'active' });
  });

  it('risk: limits and protections configured and refused, the state with a lock in force', async () => {
    expect((await call('PUT', '/api/v1/risk/limits', harnessLimits)).status).toBe(204);
    expect((await call('PUT', '/api/v1/risk/limits', { ...harnessLimits, maxOpenOrders: 0 })).status).toBe(400);
    expect((await call('PUT', '/api/v1/risk/protections', { cooldown: { periodMs: 600000 }, lowProfitMarkets: { minProfit: '-5000', tradeLimit: 2, lookbackMs: 3600000, lockMs: 600000 } })).status).toBe(204);
    expect((await call('PUT', '/api/v1/risk/protections', { cooldown: { periodMs: -1 } })).status).toBe(400);
    expect((await call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ limits: expect.objectContaining({ maxOpenOrders: 5 }), protections: expect.objectContaining({ cooldown: { periodMs: 600000 } }) }));
    // Selling what the earlier tests bought closes the trade: the cooldown locks KRW-BTC.
    const [position] = (await h.call('GET', '/api/v1/positions')).body as { quantity: string }[];
    expect((await h.call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'sell', orderType: 'market', volume: position?.quantity, referencePrice: '100000000' })).status).toBe(201);
    await eventually(async () => expect((await call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ locks: [expect.objectContaining({ scope: 'market', market: 'KRW-BTC', protection: 'cooldown' })] })));
  });

  it('checked every route of the orders, events, session, runtime and risk controllers and /health', () => {
    const routes = new Set(checked.map((c) => c.replace(/\?.*? /, ' ').replace(/[0-9a-f-]{36}|not-a-uuid/, '{orderId}').replace(/ \d+$/, '')));
    const shared = Object.entries(document.paths)
      .filter(([path]) => /^\/api\/v1\/(orders|events|session|runtime|risk)|^\/health/.test(path) && path !== '/api/v1/events/live')
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(shared.filter((route) => !routes.has(route))).toEqual([]);
  });
});

describe('responseViolations', () => {
  let h: TradingAppHarness;
  let document: OpenAPIObject;
  beforeAll(async () => {
    h = await startTradingApp();
    document = (await h.call('GET', '/api/docs-json')).body as OpenAPIObject;
  });
  afterAll(() => h.close());

  const order = {
    orderId: '0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b',
    market: 'KRW-BTC',
    side: 'buy',
    orderType: 'limit',
    timeInForce: 'gtc',
    status: 'accepted',
    price: '100000000',
    volume: '0.001',
    funds: null,
    executedVolume: '0',
    executedFunds: '0',
    paidFee: '0',
    exchangeOrderId: null,
    reason: null,
    correlationId: null,
    submittedAt: 1,
    updatedAt: 2,
  };
  const get = (body: unknown): string[] => responseViolations(document, 'GET', `/api/v1/orders/${order.orderId}`, 200, body);

  it('passes an answer that is what the schema says', () => {
    expect(get(order)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a missing required field', { ...order, paidFee: undefined }, 'body.paidFee is required but missing'],
    ['a null that is not nullable', { ...order, market: null }, 'body.market is null, but not nullable'],
    ['an undocumented field', { ...order, note: 'x' }, 'body.note is not in the schema'],
    ['a value outside the enum', { ...order, status: 'sideways' }, 'body.status is "sideways", not one of'],
    ['a wrong type', { ...order, submittedAt: '1' }, 'body.submittedAt is string, the schema says number'],
  ])('reports %s', (_what, body, message) => {
    expect(get(JSON.parse(JSON.stringify(body)))).toEqual([expect.stringContaining(message)]);
  });

  it('reports an undocumented status and a body where none is documented', () => {
    expect(responseViolations(document, 'GET', '/api/v1/orders', 418, [])).toEqual(['GET /api/v1/orders does not document status 418']);
    expect(responseViolations(document, 'POST', '/api/v1/session/resume', 204, {})).toEqual([expect.stringContaining('documents no body')]);
  });
});
