import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { PlaceOrder } from './place-order.command';
import { PlaceOrderHandler } from './place-order.handler';

function setup() {
  const { clock, store, orders } = inMemoryRepositories();
  return { store, handler: new PlaceOrderHandler(orders, clock) };
}

describe('PlaceOrderHandler', () => {
  it('stores OrderSubmitted with the caller’s correlation and the clock’s time', async () => {
    const { store, handler } = setup();
    const receipt = await handler.execute(
      new PlaceOrder('o-1', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' }, {
        commandId: 'cmd-1',
        correlationId: 'corr-1',
      }),
    );
    expect(receipt).toEqual({ orderId: 'o-1', position: 1 });
    expect(store.all()).toEqual([
      expect.objectContaining({
        streamId: 'order-o-1',
        type: 'OrderSubmitted',
        data: expect.objectContaining({ orderId: 'o-1', market: 'KRW-BTC', price: '100000000', volume: '0.001', timeInForce: 'gtc', submittedAt: 1_700_000_000_000 }),
        metadata: expect.objectContaining({ commandId: 'cmd-1', correlationId: 'corr-1' }),
      }),
    ]);
  });

  it.each([
    ['a price off the tick grid', { price: '100000001' }],
    ['an unknown side', { side: 'hold' }],
    ['a negative volume', { volume: '-1' }],
    ['a volume that is not a number', { volume: 'NaN' }],
    ['a malformed market', { market: 'BTC' }],
  ])('refuses %s and stores nothing', async (_what, change) => {
    const { store, handler } = setup();
    const terms = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001', ...change };
    await expect(handler.execute(new PlaceOrder('o-2', terms))).rejects.toHaveProperty('code');
    expect(store.all()).toEqual([]);
  });

  it('refuses a second order under the same client order id', async () => {
    const { store, handler } = setup();
    const terms = { market: 'KRW-ETH', side: 'sell', orderType: 'market', volume: '0.5' };
    await handler.execute(new PlaceOrder('o-3', terms));
    await expect(handler.execute(new PlaceOrder('o-3', terms))).rejects.toHaveProperty('code', 'illegal_order_transition');
    expect(store.all()).toHaveLength(1);
  });
});
