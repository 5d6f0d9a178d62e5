import { EventStoreRuntime } from '@trader/events';
import { eventually } from '@trader/runtime';
import { harnessLimits as limits, startTradingApp, TradingAppHarness } from '../../test-support/trading-app.harness';

const restingOrderId = '7d0c2a55-3b1e-4f6a-9c8d-2e4f6a8b0c1d';

describe('kill switch in the app', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp();
    expect((await h.call('PUT', '/api/v1/risk/limits', limits)).status).toBe(204);
    await h.reconcile();
  });
  afterAll(() => h.close());

  it('finds working orders in the order read model, not the log: an old event it cannot decode does not stop it', async () => {
    // Below the book's ask, so the paper exchange rests it.
    const placed = await h.call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '90000000', volume: '0.001', clientOrderId: restingOrderId });
    expect(placed.status).toBe(201);
    await eventually(async () => expect((await h.call('GET', `/api/v1/orders/${restingOrderId}`)).body).toEqual(expect.objectContaining({ status: 'accepted' })));
    const runtime = h.moduleRef.get(EventStoreRuntime);
    runtime.db
      .prepare(
        `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
         VALUES ('candles-KRW-BTC-1m', 1, 'unreadable-1', 'CandleClosed', 1, '{"open": ', '{}', 0)`,
      )
      .run();

    const killed = await h.call('POST', '/api/v1/session/kill', { reason: 'operator' });

    expect(killed).toEqual({ status: 201, body: { cancelRequested: [restingOrderId], cancelWhenAccepted: [] } });
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'halted' }));

    // Resuming before the release is refused: the session would read "trading" while every order is denied.
    const before = h.store.stats().lastPosition;
    const early = await h.call('POST', '/api/v1/session/resume');
    expect(early).toEqual({ status: 409, body: expect.objectContaining({ code: 'illegal_resume_while_kill_switch_engaged', detail: expect.stringContaining('release it first') }) });
    expect(h.store.stats().lastPosition).toBe(before);
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'kill_switch' }));
    expect((await h.call('POST', '/api/v1/session/release-kill-switch')).status).toBe(204);
    expect((await h.call('POST', '/api/v1/session/resume')).status).toBe(204);
    expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading', haltReason: null }));
  });
});
