import { Dec } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { eventually, TaskManager } from '@trader/runtime';
import { BreakableStreams } from '../test-support/breakable-streams';
import { startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

interface RuntimeTask {
  name: string;
  state: string;
  restarts?: number;
  itemFailures?: number;
  lastError?: string;
}

describe('feed loops (trading component, real store, injected stream faults)', () => {
  let h: TradingAppHarness;
  const streams = new BreakableStreams();
  beforeAll(async () => {
    h = await startTradingApp({ streams });
  });
  afterAll(() => h.close());

  const session = async (): Promise<{ mode: string; haltReason: string | null }> => (await h.call('GET', '/api/v1/session')).body as { mode: string; haltReason: string | null };
  // What GET /api/v1/runtime lists under `tasks`.
  const task = async (name: string): Promise<RuntimeTask | undefined> => h.moduleRef.get(TaskManager).list().find((t) => t.name === name);

  it.each([
    ['trading.my-orders', 'orders'],
    ['trading.trades', 'trade'],
  ] as const)('restarts %s when its stream breaks, halting entries while it is down, without restarting the process', async (loop, kind) => {
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    const restartsBefore = (await task(loop))?.restarts ?? 0;
    const haltsBefore = h.store.streamVersion('session-main');

    streams.break(kind);

    // Down: entries halted with the feed's reason; then up again on a fresh subscription, and resumed.
    // (Another loop may read the same kind of stream, e.g. the live state's trades: count the restart of this one.)
    await eventually(async () => expect(await task(loop)).toEqual(expect.objectContaining({ state: 'running', restarts: restartsBefore + 1 })), { timeoutMs: 15_000 });
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    expect(await task(loop)).toEqual(expect.objectContaining({ state: 'running', restarts: restartsBefore + 1, lastError: `${kind} stream broken by the test` }));
    const sessionEvents = [...h.store.readStream('session-main', haltsBefore + 1)].map((e) => [e.type, (e.data as { reason?: string }).reason]);
    expect(sessionEvents).toEqual(expect.arrayContaining([['TradingHalted', 'feed_down'], ['TradingResumed', undefined]]));
    if (kind === 'orders') {
      // Order updates pushed while the loop was down are gone: it reconciles once it is back.
      await eventually(async () =>
        expect([...h.store.readStream('reconciliation')].filter((e) => e.type === 'ReconciliationStarted').map((e) => (e.data as { reason: string }).reason)).toContain('stream-gap'),
      );
    }
  });

  it('survives an order update it cannot record: logged and counted, reconciled, and the loop goes on', async () => {
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    const orderId = '5e0c2a55-3b1e-4f6a-9c8d-2e4f6a8b0c1d';
    expect((await h.call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '90000000', volume: '0.001', clientOrderId: orderId })).status).toBe(201);
    await eventually(async () => expect((await h.call('GET', `/api/v1/orders/${orderId}`)).body).toEqual(expect.objectContaining({ status: 'accepted' })));
    const opened = streams.opened('orders');
    const gapsBefore = [...h.store.readStream('reconciliation')].filter((e) => e.type === 'ReconciliationStarted').length;

    // Corrupt data: the exchange names our order under a uuid other than the one it accepted it under.
    streams.push('orders', {
      kind: 'order-update',
      uuid: 'not-the-accepted-uuid',
      identifier: orderId,
      market: 'KRW-BTC',
      side: 'bid',
      ordType: 'limit',
      state: 'wait',
      price: new Dec('90000000'),
      volume: new Dec('0.001'),
      remainingVolume: new Dec('0.001'),
      executedVolume: new Dec(0),
      tradesCount: 0,
      timestamp: Date.now(),
    });

    await eventually(async () => expect(await task('trading.my-orders')).toEqual(expect.objectContaining({ state: 'running', itemFailures: 1 })));
    expect((await task('trading.my-orders'))?.lastError).toContain('not-the-accepted-uuid');
    expect(streams.opened('orders')).toBe(opened);
    await eventually(async () => expect([...h.store.readStream('reconciliation')].filter((e) => e.type === 'ReconciliationStarted').length).toBeGreaterThan(gapsBefore));
  });

  it('halts entries while the critical event lane is down (its worker failed), and resumes once it has caught up', async () => {
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    const runtime = h.moduleRef.get(EventStoreRuntime);
    const lane = (): { state: string; restarts: number } | undefined => runtime.dispatcher.stats().lanes.find((l) => l.lane === 'critical-trading');
    const restartsBefore = lane()?.restarts ?? 0;
    const haltsBefore = h.store.streamVersion('session-main');
    const order = (price: string): Promise<{ status: number; body: unknown }> =>
      h.call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price, volume: '0.001' });
    // Faults injected into the real store objects: the order executor's checkpoint write fails (which ends
    // the lane's worker), and the store cannot be read, so each restarted worker fails in its catch-up.
    let broken = true;
    const { checkpoints, store } = runtime;
    const save = checkpoints.save;
    const readAll = store.readAll;
    checkpoints.save = (subscriber, position) =>
      broken && subscriber === 'order-execution' ? Promise.reject(new Error('checkpoint write failed (injected)')) : save.call(checkpoints, subscriber, position);
    store.readAll = (from, limit) => {
      if (broken) throw new Error('store read failed (injected)');
      return readAll.call(store, from, limit);
    };
    try {
      // The order is taken; executing it is what ends the critical lane's worker.
      expect((await order('90000000')).status).toBe(201);
      await eventually(() => expect(lane()).toEqual(expect.objectContaining({ state: 'down' })));
      await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'feed_down' })));
      const health = await h.call('GET', '/health');
      expect(health.status).toBe(200);
      expect((health.body as { kernel: { components: { name: string; state: string; detail?: string }[] } }).kernel.components).toContainEqual(
        expect.objectContaining({ name: 'event-store', state: 'degraded', detail: expect.stringContaining('lanes down (restarting): critical-trading') }),
      );

      const refused = await order('90100000');
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body)).toContain('halted: feed_down');
      expect(lane()).toEqual(expect.objectContaining({ state: 'down' }));
    } finally {
      broken = false;
      checkpoints.save = save;
      store.readAll = readAll;
    }

    await eventually(() => expect(lane()).toEqual(expect.objectContaining({ state: 'up' })), { timeoutMs: 15_000 });
    expect(lane()?.restarts).toBeGreaterThan(restartsBefore);
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    expect((await order('90200000')).status).toBe(201);
    const sessionEvents = [...h.store.readStream('session-main', haltsBefore + 1)].map((e) => [e.type, (e.data as { reason?: string }).reason]);
    // The first order started, the halt, the order refused while halted, the resume, the order after it.
    expect(sessionEvents).toEqual([
      ['SessionOrderStarted', undefined],
      ['TradingHalted', 'feed_down'],
      ['OrderDenied', undefined],
      ['TradingResumed', undefined],
      ['SessionOrderStarted', undefined],
    ]);
  });
});
