import { EventStoreRuntime } from '@trader/events';
import { AppKernel, eventually } from '@trader/runtime';
import { BreakableStreams } from '../test-support/breakable-streams';
import { harnessLimits as limits, harnessToken, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

const limitBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' };

/** What a refused write answers: 503 problem details that say the instance is a standby. */
const standbyProblem = {
  status: 503,
  body: expect.objectContaining({ status: 503, code: 'INSTANCE_IS_STANDBY', detail: expect.stringContaining('this instance is a standby') }),
};

describe('a standby instance', () => {
  let h: TradingAppHarness;
  let streams: BreakableStreams;
  beforeAll(async () => {
    streams = new BreakableStreams();
    h = await startTradingApp({ role: 'standby', streams });
  });
  afterAll(() => h.close());
  const lastPosition = (): number => h.moduleRef.get(EventStoreRuntime).store.lastPosition();

  it('says it is a standby on /health and /api/v1/runtime, and holds back the components that write', async () => {
    expect((await h.call('GET', '/health', undefined, null)).body).toEqual({ status: 'up', role: 'standby' });
    const runtime = (await h.call('GET', '/api/v1/runtime')).body as { kernel: { role: string; components: Array<{ name: string; state: string; detail?: string }> } };
    expect(runtime.kernel.role).toBe('standby');
    const heldBack = runtime.kernel.components.filter((c) => c.state === 'registered').map((c) => c.name);
    expect(heldBack).toEqual(['event-store', 'trading']);
    expect(runtime.kernel.components.find((c) => c.name === 'live-state')?.state).toBe('running');
  });

  it('answers reads and refuses every write with a 503 standby problem, REST and GraphQL, writing nothing', async () => {
    expect(await h.call('GET', '/api/v1/orders')).toEqual({ status: 200, body: [] });
    expect((await h.call('GET', '/api/v1/session')).status).toBe(200);
    const metrics = await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${harnessToken}` } });
    expect([metrics.status, (await metrics.text()).includes('# HELP')]).toEqual([200, true]);
    expect((await h.call('POST', '/graphql', { query: '{ orders { orderId } }' })).body).toEqual({ data: { orders: [] } });

    expect(await h.call('POST', '/api/v1/orders', limitBuy)).toEqual(standbyProblem);
    expect(await h.call('PUT', '/api/v1/risk/limits', limits)).toEqual(standbyProblem);
    expect(await h.call('POST', '/api/v1/session/halt', { reason: 'test' })).toEqual(standbyProblem);
    const mutation = (await h.call('POST', '/graphql', { query: 'mutation { enableStrategy(id: "basic-seven-rules") }' })).body as { errors?: Array<{ extensions?: { code?: string; status?: number } }> };
    expect(mutation.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'INSTANCE_IS_STANDBY', status: 503 }));

    // Nothing was appended: no write, and no trading start-up (risk limits, the reference strategy).
    expect(lastPosition()).toBe(0);
  });

  it('takes writes once activated: trading starts (and appends its start-up events), writes pass', async () => {
    await h.moduleRef.get(AppKernel).activate();
    // (up or degraded: activation may hold the loop past the loop guard's threshold on a busy machine)
    expect((await h.call('GET', '/health', undefined, null)).body).toEqual(expect.objectContaining({ role: 'active' }));
    await eventually(() => expect(lastPosition()).toBeGreaterThan(0));
    expect((await h.call('PUT', '/api/v1/risk/limits', limits)).status).toBe(204);
    await eventually(async () => expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })));
  });
});
