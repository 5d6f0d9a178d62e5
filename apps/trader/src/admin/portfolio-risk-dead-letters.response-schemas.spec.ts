import type { OpenAPIObject } from '@nestjs/swagger';
import { eventually } from '@trader/runtime';
import { responseViolations } from '../test-support/openapi-response-check';
import { harnessLimits, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

/** Every answer of the portfolio, risk and dead-letter routes against the schema the trader serves for it. */
describe('response schemas of the portfolio, risk and dead-letter routes', () => {
  let h: TradingAppHarness;
  let document: OpenAPIObject;

  async function call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: unknown }> {
    const response = await h.call(method, path, body, token);
    expect({ route: `${method} ${path} ${response.status}`, violations: responseViolations(document, method, path, response.status, response.body) }).toEqual({
      route: `${method} ${path} ${response.status}`,
      violations: [],
    });
    return response;
  }

  beforeAll(async () => {
    h = await startTradingApp();
    document = (await h.call('GET', '/api/docs-json')).body as OpenAPIObject;
  });
  afterAll(() => h.close());

  it('risk: no limits yet, limits refused on the field, configured, read back', async () => {
    expect((await call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ limits: null, equityPeak: null, tradingDay: null }));
    const refused = await call('PUT', '/api/v1/risk/limits', { ...harnessLimits, maxOpenOrders: 0 });
    expect(refused).toEqual({ status: 400, body: expect.objectContaining({ errors: [expect.objectContaining({ field: 'maxOpenOrders' })] }) });
    expect((await call('PUT', '/api/v1/risk/limits', harnessLimits)).status).toBe(204);
    expect((await call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ limits: harnessLimits }));
    expect((await call('GET', '/api/v1/risk', undefined, null)).status).toBe(401);
  });

  it('portfolio: a position valued at the mark, balances, daily PnL, a refused period', async () => {
    await h.reconcile();
    expect((await call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'market', funds: '50000' })).status).toBe(201);
    await eventually(async () => expect((await call('GET', '/api/v1/positions')).body).toEqual([expect.objectContaining({ market: 'KRW-BTC' })]));
    // This harness runs no live state, so balances answer the documented 503 (admin-reads.spec.ts reads them seeded).
    expect(await call('GET', '/api/v1/balances')).toEqual({ status: 503, body: expect.objectContaining({ code: 'LIVE_STATE_UNAVAILABLE' }) });
    const today = new Date().toISOString().slice(0, 10);
    await eventually(async () => expect((await call('GET', `/api/v1/pnl?period=day&from=${today}&to=${today}`)).body).toEqual([expect.objectContaining({ period: today, fills: 1 })]));
    expect((await call('GET', `/api/v1/pnl?period=year&from=${today}&to=${today}`)).status).toBe(400);
  }, 30_000);

  it('dead letters: the list, and retry or discard of an id that is not parked', async () => {
    expect((await call('GET', '/api/v1/dead-letters')).body).toEqual([]);
    expect((await call('POST', '/api/v1/dead-letters/999/retry')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/dead-letters/999')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/dead-letters/abc')).status).toBe(400);
  });
});
