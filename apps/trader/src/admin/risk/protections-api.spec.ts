import { eventually } from '@trader/runtime';
import { harnessLimits, startTradingApp, TradingAppHarness } from '../../test-support/trading-app.harness';

const buy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' };
const sell = { market: 'KRW-BTC', side: 'sell', orderType: 'limit', price: '99999000', volume: '0.001' };
const protections = {
  cooldown: { periodMs: 600_000 },
  stoplossGuard: { tradeLimit: 2, lookbackMs: 3_600_000, lockMs: 1_800_000, scope: 'global' },
};

describe('protections through the admin API (real trader, paper exchange)', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp();
    expect((await h.call('PUT', '/api/v1/risk/limits', harnessLimits)).status).toBe(204);
    await h.reconcile();
  });
  afterAll(() => h.close());

  const configured = (): number => [...h.store.readStream('risk-main')].filter((event) => event.type === 'ProtectionsConfigured').length;

  it('configures them, and shows them in GET /risk', async () => {
    expect((await h.call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ protections: {}, locks: [] }));
    expect((await h.call('PUT', '/api/v1/risk/protections', protections)).status).toBe(204);
    expect((await h.call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ protections, locks: [] }));
    expect(configured()).toBe(1);
  });

  it.each([
    ['a count below one', { cooldown: { periodMs: 0 } }, 'cooldown.periodMs'],
    ['an unknown scope', { stoplossGuard: { ...protections.stoplossGuard, scope: 'pair' } }, 'stoplossGuard.scope'],
    ['an unknown protection', { stopLossGuard: protections.stoplossGuard }, 'stopLossGuard'],
    ['a drawdown of 100% (the domain refuses it)', { maxDrawdown: { maxDrawdownPercent: '100', tradeLimit: 1, lookbackMs: 60_000, lockMs: 60_000 } }, 'maxDrawdown.maxDrawdownPercent'],
    ['a profit threshold with an exponent', { lowProfitMarkets: { minProfit: '1e3', tradeLimit: 1, lookbackMs: 60_000, lockMs: 60_000 } }, 'lowProfitMarkets.minProfit'],
  ])('refuses %s with 400 naming the field, and records nothing', async (_name, body, field) => {
    const before = configured();
    const refused = await h.call('PUT', '/api/v1/risk/protections', body);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(expect.objectContaining({ errors: expect.arrayContaining([expect.objectContaining({ field })]) }));
    expect(configured()).toBe(before);
    expect((await h.call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ protections }));
  });

  it('locks a market after a trade there closed: the next entry is denied with protection_cooldown', async () => {
    expect((await h.call('POST', '/api/v1/orders', buy)).status).toBe(201);
    await eventually(async () => expect((await h.call('GET', '/api/v1/positions')).body).toEqual([expect.objectContaining({ market: 'KRW-BTC', quantity: '0.001' })]));
    expect((await h.call('POST', '/api/v1/orders', sell)).status).toBe(201);
    await eventually(async () =>
      expect((await h.call('GET', '/api/v1/risk')).body).toEqual(
        expect.objectContaining({ locks: [expect.objectContaining({ scope: 'market', market: 'KRW-BTC', protection: 'cooldown', until: expect.any(Number) })] }),
      ),
    );
    const denied = await h.call('POST', '/api/v1/orders', buy);
    expect(denied).toEqual({ status: 422, body: expect.objectContaining({ detail: expect.stringContaining('protection_cooldown') }) });

    // Switching the cooldown off ends its lock at once, and entries pass again.
    expect((await h.call('PUT', '/api/v1/risk/protections', { stoplossGuard: protections.stoplossGuard })).status).toBe(204);
    expect((await h.call('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ locks: [] }));
    expect([...h.store.readStream('risk-main')].map((event) => event.type)).toEqual(expect.arrayContaining(['TradeClosedRecorded', 'EntriesLocked', 'EntriesUnlocked']));
    expect((await h.call('POST', '/api/v1/orders', buy)).status).toBe(201);
  });
});
