import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { RISK_ID, SESSION_ID } from '../../trading/trading-repositories';
import { PlaceOrder } from './place-order.command';
import { PlaceOrderHandler } from './place-order.handler';
import { OrderAlreadyPlacedError } from './place-order.errors';
import { BackpressureError } from '../../ports/event-store.errors';

async function setup(options: { trading?: boolean } = {}) {
  const repos = inMemoryRepositories();
  if (options.trading ?? true) await repos.startTrading({ maxNotionalPerOrder: '1000000' });
  const handler = new PlaceOrderHandler(repos.orders, repos.session, repos.risk, repos.clock, repos.store);
  const orderEvents = () => repos.store.all().filter((e) => e.streamId.startsWith('order-'));
  return { ...repos, handler, orderEvents };
}

const limitBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' };

describe('PlaceOrderHandler', () => {
  it('stores the session slot, the risk approval and the order in one transaction: a failed append leaves none of them', async () => {
    const { store, handler, session, risk } = await setup();
    store.failNextAppend((stream) => stream === 'order-o-atomic', new BackpressureError('critical-trading', 4096, 4096));
    await expect(handler.execute(new PlaceOrder('o-atomic', limitBuy, { commandId: 'cmd-atomic' }))).rejects.toBeInstanceOf(BackpressureError);
    expect(store.all().filter((e) => e.type === 'SessionOrderStarted' || e.type === 'OrderApproved')).toEqual([]);
    expect((await session.load(SESSION_ID)).state.ordersInFlight).toEqual([]);
    expect((await risk.load(RISK_ID)).state.openOrders).toEqual([]);

    // The retried command goes through, once.
    expect(await handler.execute(new PlaceOrder('o-atomic', limitBuy, { commandId: 'cmd-atomic' }))).toEqual(expect.objectContaining({ status: 'submitted' }));
    expect((await session.load(SESSION_ID)).state.ordersInFlight).toEqual(['o-atomic']);
  });

  it('places many orders at once without conflicts between them, each checked against the ones before', async () => {
    const { handler, risk } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => handler.execute(new PlaceOrder(`o-many-${index}`, limitBuy, { commandId: `cmd-many-${index}` }))),
    );
    // maxOpenOrders is 10 under these limits: the first ten pass, the rest are denied, none fails.
    expect(results.filter((r) => r.status === 'submitted')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'denied').map((r) => (r as { reasonCode: string }).reasonCode)).toEqual(Array(10).fill('max_open_orders'));
    expect((await risk.load(RISK_ID)).state.openOrders).toHaveLength(10);
  });

  it('answers a command delivered again with the same command id with the order it stored, storing nothing twice', async () => {
    const { store, handler } = await setup();
    const first = await handler.execute(new PlaceOrder('o-again', limitBuy, { commandId: 'cmd-again' }));
    const count = store.all().length;
    const second = await handler.execute(new PlaceOrder('o-again', limitBuy, { commandId: 'cmd-again' }));
    expect(second).toEqual(first);
    expect(store.all()).toHaveLength(count);
    await expect(handler.execute(new PlaceOrder('o-again', limitBuy, { commandId: 'another-command' }))).rejects.toBeInstanceOf(OrderAlreadyPlacedError);
  });

  it('passes session and risk, then stores OrderSubmitted with the caller’s correlation and the clock’s time', async () => {
    const { store, handler } = await setup();
    const result = await handler.execute(new PlaceOrder('o-1', limitBuy, { commandId: 'cmd-1', correlationId: 'corr-1' }));
    expect(result).toEqual({ status: 'submitted', orderId: 'o-1', position: expect.any(Number) });
    const submitted = store.all().find((e) => e.type === 'OrderSubmitted');
    expect(submitted).toEqual(
      expect.objectContaining({
        streamId: 'order-o-1',
        data: expect.objectContaining({ orderId: 'o-1', market: 'KRW-BTC', price: '100000000', volume: '0.001', timeInForce: 'gtc', submittedAt: 1_700_000_000_000 }),
        metadata: expect.objectContaining({ commandId: 'cmd-1', correlationId: 'corr-1' }),
      }),
    );
    expect(store.all().filter((e) => e.type === 'SessionOrderStarted' || e.type === 'OrderApproved').map((e) => e.metadata.correlationId)).toEqual([
      'corr-1',
      'corr-1',
    ]);
  });

  it.each([
    ['a price off the tick grid', { price: '100000001' }],
    ['an unknown side', { side: 'hold' }],
    ['a negative volume', { volume: '-1' }],
    ['a volume that is not a number', { volume: 'NaN' }],
    ['a malformed market', { market: 'BTC' }],
  ])('refuses %s and stores nothing at all', async (_what, change) => {
    const { store, handler } = await setup();
    const before = store.all().length;
    await expect(handler.execute(new PlaceOrder('o-2', { ...limitBuy, ...change }))).rejects.toHaveProperty('code');
    expect(store.all()).toHaveLength(before);
  });

  it('denies an entry while the session is not trading, recording why, but lets an exit through', async () => {
    const { handler, session, orderEvents, clock } = await setup();
    await session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'operator', at: clock.now() } });
    expect(await handler.execute(new PlaceOrder('o-3', limitBuy))).toEqual(
      expect.objectContaining({ status: 'denied', deniedBy: 'session', reasonCode: 'session_halted' }),
    );
    const exit = { market: 'KRW-BTC', side: 'sell', orderType: 'market', volume: '0.001', referencePrice: '100000000' };
    expect(await handler.execute(new PlaceOrder('o-4', exit))).toEqual(expect.objectContaining({ status: 'submitted' }));
    expect(orderEvents().map((e) => e.streamId)).toEqual(['order-o-4']);
  });

  it('denies an order over the risk limits and releases it from the session', async () => {
    const { handler, session, risk, orderEvents } = await setup();
    const big = { ...limitBuy, volume: '0.02' };
    expect(await handler.execute(new PlaceOrder('o-5', big))).toEqual(
      expect.objectContaining({ status: 'denied', deniedBy: 'risk', reasonCode: 'max_notional_per_order' }),
    );
    expect((await session.load(SESSION_ID)).state.ordersInFlight).toEqual([]);
    expect((await risk.load(RISK_ID)).state.openOrders).toEqual([]);
    expect(orderEvents()).toEqual([]);
  });

  it('needs a reference price to risk-check a market sell', async () => {
    const { handler } = await setup();
    await expect(handler.execute(new PlaceOrder('o-6', { market: 'KRW-BTC', side: 'sell', orderType: 'market', volume: '0.001' }))).rejects.toHaveProperty(
      'code',
      'reference_price_required',
    );
  });

  it('refuses a second order under the same client order id', async () => {
    const { handler, orderEvents } = await setup();
    await handler.execute(new PlaceOrder('o-7', limitBuy));
    await expect(handler.execute(new PlaceOrder('o-7', limitBuy))).rejects.toHaveProperty('code');
    expect(orderEvents()).toHaveLength(1);
  });
});
