import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@trader/runtime';
import { adminApi, listeningUrl, RunningTrader, startTrader } from './trader-process';

const token = 'deferred-token-0123456789';

describe('deferred configuration changes (the built process on its simulator)', () => {
  let trader: RunningTrader | undefined;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-deferred-'));
  });
  afterAll(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a change requested while an order is in flight once the order completes', async () => {
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: join(dir, 'trader.db') });
    const url = await listeningUrl(trader);
    const api = adminApi(url, token);
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 20_000 });
    await api('POST', '/api/v1/strategies/basic-seven-rules/disable');

    // A limit buy far below the market rests on the book: the order stays in flight.
    const ticker = ((await api('GET', '/api/v1/tickers?markets=KRW-BTC')).body as Array<{ tradePrice: string }>)[0];
    const price = String(Math.floor((Number(ticker?.tradePrice) * 0.5) / 1000) * 1000);
    const placed = await api('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price, volume: '0.0002' });
    expect(placed.status).toBe(201);
    const orderId = (placed.body as { orderId: string }).orderId;
    await eventually(async () => expect((await api('GET', `/api/v1/orders/${orderId}`)).body).toEqual(expect.objectContaining({ status: 'accepted' })), { timeoutMs: 10_000 });

    const change = await api('POST', '/api/v1/session/config-changes', { key: 'strategy.sizing', value: { kind: 'fixed_quote', amount: '20000' } });
    expect(change.body).toEqual(expect.objectContaining({ outcome: 'deferred' }));
    expect(((await api('POST', '/api/v1/session/config-changes', { key: 'x', value: 1, urgent: true })).body as { outcome: string }).outcome).toBe('refused');
    expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ config: {}, deferredChanges: [expect.objectContaining({ key: 'strategy.sizing' })] }));

    expect((await api('DELETE', `/api/v1/orders/${orderId}`)).status).toBe(202);
    await eventually(
      async () =>
        expect((await api('GET', '/api/v1/session')).body).toEqual(
          expect.objectContaining({ ordersInFlight: [], deferredChanges: [], config: { 'strategy.sizing': { kind: 'fixed_quote', amount: '20000' } } }),
        ),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect((await api('GET', `/api/v1/orders/${orderId}`)).body).toEqual(expect.objectContaining({ status: 'cancelled' }));

    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
