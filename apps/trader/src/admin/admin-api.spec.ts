import { CommandBus } from '@nestjs/cqrs';
import { DefineStrategy } from '@trader/application';
import { basicSevenRulesStrategy } from '@trader/domain';
import { eventually } from '@trader/runtime';
import { harnessLimits as limits, harnessToken, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

const limitBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' };

describe('admin REST API', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp();
    expect((await h.call('PUT', '/api/v1/risk/limits', limits)).status).toBe(204);
  });
  afterAll(() => h.close());

  it('denies orders until the start-up reconciliation succeeded, then fills them and shows orders, positions, PnL and risk', async () => {
    expect(await h.call('POST', '/api/v1/orders', limitBuy)).toEqual({ status: 422, body: expect.objectContaining({ detail: expect.stringContaining('reconciliation_pending') }) });
    expect(h.store.streamVersion('order-0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b')).toBe(0);
    await h.reconcile();
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' }));

    const placed = await h.call('POST', '/api/v1/orders', { ...limitBuy, clientOrderId: '0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b' });
    expect(placed).toEqual({ status: 201, body: expect.objectContaining({ status: 'submitted', orderId: '0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b' }) });
    await eventually(async () => expect((await h.call('GET', '/api/v1/orders/0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b')).body).toEqual(expect.objectContaining({ status: 'filled', paidFee: '50' })));
    expect((await h.call('GET', '/api/v1/orders?open=true')).body).toEqual([]);
    await eventually(async () => expect((await h.call('GET', '/api/v1/positions')).body).toEqual([expect.objectContaining({ market: 'KRW-BTC', quantity: '0.001' })]));
    const today = new Date().toISOString().slice(0, 10);
    expect((await h.call('GET', `/api/v1/pnl?period=month&from=${today}&to=${today}`)).body).toEqual([
      expect.objectContaining({ period: today.slice(0, 7), realizedPnl: '0', fees: '50', netPnl: '-50', fills: 1 }),
    ]);
    await eventually(async () => expect((await h.call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ exposure: { 'KRW-BTC': '100000' }, openOrders: [] })));
  });

  it('manages strategies as data', async () => {
    expect((await h.call('POST', '/api/v1/strategies', { ...basicSevenRulesStrategy(), enabled: false })).status).toBe(201);
    expect((await h.call('POST', '/api/v1/strategies/basic-seven-rules/enable')).status).toBe(204);
    expect((await h.call('GET', '/api/v1/strategies/basic-seven-rules')).body).toEqual(expect.objectContaining({ id: 'basic-seven-rules', enabled: true }));
    await eventually(async () => expect((await h.call('GET', '/api/v1/strategies')).body).toEqual([expect.objectContaining({ strategyId: 'basic-seven-rules', enabled: true })]));
    expect((await h.call('POST', '/api/v1/strategies/basic-seven-rules/enable')).status).toBe(409);
    expect((await h.call('GET', '/api/v1/strategies/nope')).status).toBe(404);
    // Every problem of a definition is named by its path, so a client can show it on the field.
    const invalid = await h.call('POST', '/api/v1/strategies', { ...basicSevenRulesStrategy(), id: 'no-markets', markets: [], version: 0 });
    expect(invalid).toEqual({ status: 400, body: expect.objectContaining({ code: 'invalid_strategy_definition', errors: expect.arrayContaining([expect.objectContaining({ field: 'markets' }), expect.objectContaining({ field: 'version' })]) }) });
    expect((await h.call('GET', '/api/v1/strategies/no-markets')).status).toBe(404);

    // One stored before its market left TRADER_MARKETS (the API no longer takes such a definition): enabling it is refused.
    await h.moduleRef.get(CommandBus).execute(new DefineStrategy({ ...basicSevenRulesStrategy(), id: 'left-behind', markets: ['KRW-XRP'], enabled: false }));
    const before = h.store.stats().lastPosition;
    const enabling = await h.call('POST', '/api/v1/strategies/left-behind/enable');
    expect(enabling).toEqual({ status: 409, body: expect.objectContaining({ detail: expect.stringContaining('strategy left-behind trades KRW-XRP, not in TRADER_MARKETS') }) });
    expect(h.store.stats().lastPosition).toBe(before);
    expect((await h.call('GET', '/api/v1/strategies/left-behind')).body).toEqual(expect.objectContaining({ enabled: false }));
    expect((await h.call('POST', '/api/v1/strategies/nope/enable')).status).toBe(404);
  });

  it('halts, resumes and defers config changes through the session', async () => {
    expect((await h.call('POST', '/api/v1/session/halt', { reason: 'maintenance' })).status).toBe(204);
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'maintenance' }));
    expect((await h.call('POST', '/api/v1/session/resume')).status).toBe(204);
    expect((await h.call('POST', '/api/v1/session/config-changes', { key: 'ui.theme', value: 'dark' })).body).toEqual(expect.objectContaining({ outcome: 'applied' }));
  });

  it('lists events recorded within a time range, with the other filters', async () => {
    const since = new Date(Date.now() - 1).toISOString();
    expect((await h.call('POST', '/api/v1/session/halt', { reason: 'time range' })).status).toBe(204);
    expect((await h.call('POST', '/api/v1/session/resume')).status).toBe(204);
    type Page = { events: { type: string; data: { reason?: string }; metadata: { recordedAt: number } }[] };
    const recent = (await h.call('GET', `/api/v1/events?since=${since}&type=TradingHalted`)).body as Page;
    expect(recent.events.map((event) => event.data.reason)).toEqual(['time range']);
    expect(((await h.call('GET', `/api/v1/events?until=${since}&type=TradingHalted`)).body as Page).events.map((event) => event.data.reason)).not.toContain('time range');
    const all = ((await h.call('GET', `/api/v1/events?since=${since}`)).body as Page).events;
    expect(all.every((event) => event.metadata.recordedAt >= Date.parse(since))).toBe(true);
  });

  it('lists events newest first with order=desc, paging further back with nextPosition', async () => {
    type Page = { events: { position: number }[]; nextPosition: number | null };
    const oldestFirst = ((await h.call('GET', '/api/v1/events?limit=1000')).body as Page).events.map((event) => event.position);
    const newest = (await h.call('GET', '/api/v1/events?order=desc&limit=3')).body as Page;
    expect(newest.events.map((event) => event.position)).toEqual(oldestFirst.slice(-3).reverse());
    const next = (await h.call('GET', `/api/v1/events?order=desc&limit=3&from=${newest.nextPosition}`)).body as Page;
    expect(next.events.map((event) => event.position)).toEqual(oldestFirst.slice(-6, -3).reverse());
  });

  describe('refuses bad input with a 4xx naming what is wrong, and appends nothing', () => {
    const oversize = JSON.stringify({ ...limitBuy, note: 'x'.repeat(70 * 1024) });
    it.each<[string, string, unknown, number, string]>([
      ['POST', '/api/v1/orders', { ...limitBuy, volume: 0.001 }, 400, 'volume'],
      ['POST', '/api/v1/orders', { ...limitBuy, volume: '-1' }, 400, 'volume'],
      ['POST', '/api/v1/orders', { ...limitBuy, volume: 'NaN' }, 400, 'volume'],
      ['POST', '/api/v1/orders', { ...limitBuy, price: 'Infinity' }, 400, 'price'],
      ['POST', '/api/v1/orders', { ...limitBuy, price: '1e8' }, 400, 'price'],
      ['POST', '/api/v1/orders', { ...limitBuy, market: 'BTCUSD' }, 400, 'market'],
      ['POST', '/api/v1/orders', { ...limitBuy, market: 'KRW-NOPE' }, 400, 'KRW-NOPE'],
      ['POST', '/api/v1/orders', { ...limitBuy, price: '100000001' }, 400, 'tick'],
      ['POST', '/api/v1/orders', { ...limitBuy, side: 'hold' }, 400, 'side'],
      ['POST', '/api/v1/orders', { ...limitBuy, surprise: true }, 400, 'surprise'],
      ['POST', '/api/v1/orders', { market: 'KRW-BTC' }, 400, 'side'],
      ['POST', '/api/v1/orders', oversize, 413, 'too large'],
      ['POST', '/api/v1/orders', '{"market": ', 400, 'JSON'],
      ['PUT', '/api/v1/risk/limits', { ...limits, maxNotionalPerOrder: '-5' }, 400, 'maxNotionalPerOrder'],
      ['PUT', '/api/v1/risk/limits', { ...limits, orderRate: { maxOrders: 'many', perMs: 1000 } }, 400, 'orderRate.maxOrders'],
      ['POST', '/api/v1/session/halt', {}, 400, 'reason'],
      ['POST', '/api/v1/session/kill', { reason: 42 }, 400, 'reason'],
      ['POST', '/api/v1/session/config-changes', { key: '../etc', value: 1 }, 400, 'key'],
      ['POST', '/api/v1/session/config-changes', { key: 'risk.limits', value: { maxOpenOrders: 0 } }, 400, 'quoteCurrency'],
      ['POST', '/api/v1/session/config-changes', { key: 'risk.limits', value: 'loose' }, 400, 'risk.limits'],
      ['POST', '/api/v1/strategies', { id: 'x' }, 400, 'name'],
      ['POST', '/api/v1/strategies', { ...basicSevenRulesStrategy(), id: 'elsewhere', markets: ['KRW-BTC', 'KRW-NOPE'] }, 400, 'markets[1]: KRW-NOPE is not traded here (TRADER_MARKETS: '],
      ['PUT', '/api/v1/strategies/basic-seven-rules', { ...basicSevenRulesStrategy(), version: 99, markets: ['KRW-NOPE'] }, 400, '"field":"markets[0]"'],
      ['DELETE', '/api/v1/orders/not-a-uuid', undefined, 400, '"errors":[{"field":"orderId","message":"must be a UUID"}]'],
      ['GET', '/api/v1/backtests/not-a-uuid', undefined, 400, '"errors":[{"field":"id","message":"must be a UUID"}]'],
      ['POST', '/api/v1/dead-letters/x/retry', undefined, 400, '"errors":[{"field":"id","message":"must be a whole number"}]'],
      ['DELETE', '/api/v1/orders/00000000-0000-4000-8000-000000000000', undefined, 404, 'No order with id 00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/v1/orders?market=bitcoin', undefined, 400, 'market'],
      ['GET', '/api/v1/events?since=yesterday', undefined, 400, 'since'],
      ['GET', '/api/v1/pnl?period=day&from=2026-02-30&to=2026-03-01', undefined, 400, 'from must be a UTC date such as 2026-11-01, got \\"2026-02-30\\"'],
      ['GET', '/api/v1/pnl?period=day&from=2026-12-01&to=2026-11-01', undefined, 400, 'to 2026-11-01 is before from 2026-12-01'],
      ['GET', '/api/v1/events?until=1700000000000', undefined, 400, 'until'],
      ['GET', '/api/v1/events?order=sideways', undefined, 400, 'order'],
    ])('%s %s (case %#) -> %i naming %s', async (method, path, body, status, mentions) => {
      const before = h.store.stats().lastPosition;
      const response = await h.call(method, path, body);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).toContain(mentions);
      expect(h.store.stats().lastPosition).toBe(before);
    });

    it.each([
      ['POST', '/api/v1/orders', limitBuy],
      ['DELETE', '/api/v1/orders', undefined],
      ['PUT', '/api/v1/risk/limits', limits],
      ['POST', '/api/v1/session/kill', { reason: 'x' }],
      ['POST', '/api/v1/strategies', basicSevenRulesStrategy()],
      ['GET', '/api/v1/orders', undefined],
    ])('%s %s without the token -> 401', async (method, path, body) => {
      const before = h.store.stats().lastPosition;
      expect((await h.call(method, path, body, null)).status).toBe(401);
      expect(h.store.stats().lastPosition).toBe(before);
    });
  });

  it('streams committed events live as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.url}/api/v1/events/live?type=TradingHalted`, { headers: { authorization: `Bearer ${harnessToken}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await h.call('POST', '/api/v1/session/halt', { reason: 'watching the stream' });
    let received = '';
    while (!received.includes('watching the stream')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    expect(received).toMatch(/event: TradingHalted\nid: \d+\ndata: \{.*"reason":"watching the stream"/);
    await h.call('POST', '/api/v1/session/resume');
    expect((await fetch(`${h.url}/api/v1/events/live`)).status).toBe(401);
  });

  it('lists parked events, and answers 404 for one that does not exist', async () => {
    expect(await h.call('GET', '/api/v1/dead-letters')).toEqual({ status: 200, body: [] });
    expect((await h.call('POST', '/api/v1/dead-letters/42/retry')).status).toBe(404);
    expect((await h.call('DELETE', '/api/v1/dead-letters/42')).status).toBe(404);
    expect((await h.call('DELETE', '/api/v1/dead-letters/x')).status).toBe(400);
  });

  it('answers /health without the token with the status only; components and tasks need the token', async () => {
    const authorised = await h.call('GET', '/health');
    expect(authorised.body).toEqual(
      expect.objectContaining({ status: expect.any(String), kernel: expect.objectContaining({ state: 'running' }), tasks: expect.any(Array), loop: expect.objectContaining({ mode: 'report' }) }),
    );
    const { status } = authorised.body as { status: string };
    expect(await h.call('GET', '/health', undefined, null)).toEqual({ status: 200, body: { status, role: 'active' } });
    expect((await h.call('GET', '/health', undefined, 'wrong-token-wrong-token')).body).toEqual({ status, role: 'active' });
  });

  it.each(['/api/docs-json', '/api/docs', '/api/docs/', '/api/docs-yaml', '/API/Docs-Json'])('refuses %s without the token', async (path) => {
    const response = await fetch(`${h.url}${path}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.text()).not.toContain('/api/v1/orders');
  });

  it('serves its OpenAPI description at /api/docs to the token holder', async () => {
    const response = await fetch(`${h.url}/api/docs-json`, { headers: { authorization: `Bearer ${harnessToken}` } });
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/strategies', '/api/v1/session/halt', '/api/v1/risk/limits', '/api/v1/pnl']));
  });
});

describe('admin REST API with TRADER_PUBLIC_DOCS=1', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp({ publicDocs: true });
  });
  afterAll(() => h.close());

  it('serves the OpenAPI description without the token, and still guards the routes it describes', async () => {
    expect((await fetch(`${h.url}/api/docs-json`)).status).toBe(200);
    expect((await h.call('GET', '/api/v1/orders', undefined, null)).status).toBe(401);
  });
});
