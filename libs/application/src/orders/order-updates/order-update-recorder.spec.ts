import { Decimal } from 'decimal.js';
import { OrderUpdate } from '../../ports/exchange-gateway.types';
import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { OrderUpdateRecorder } from './order-update-recorder';

function setup() {
  const { clock, store, orders } = inMemoryRepositories(2_000);
  const recorder = new OrderUpdateRecorder(orders, store, clock);
  const submit = async (orderId: string): Promise<void> => {
    await orders.handle(
      orderId,
      { type: 'SubmitOrder', data: { orderId, market: 'KRW-ETH', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '5000000', volume: '0.01', at: 1_000 } },
      { commandId: `place-${orderId}`, correlationId: `corr-${orderId}` },
    );
  };
  const types = (orderId: string): string[] => [...store.readStream(`order-${orderId}`)].map((e) => e.type);
  return { store, recorder, submit, types };
}

function update(change: Partial<OrderUpdate>): OrderUpdate {
  return {
    kind: 'order-update',
    market: 'KRW-ETH',
    uuid: 'uuid-1',
    identifier: 'o-1',
    side: 'bid',
    ordType: 'limit',
    state: 'wait',
    executedVolume: new Decimal(0),
    tradesCount: 0,
    timestamp: 1_500,
    ...change,
  };
}

describe('OrderUpdateRecorder', () => {
  it('records acceptance, each trade with its own fee, and the close of a cancelled remainder', async () => {
    const { store, recorder, submit, types } = setup();
    await submit('o-1');
    expect(await recorder.record(update({ state: 'wait' }))).toBe('recorded');
    const trade = update({ state: 'trade', tradeUuid: 'tr-1', price: new Decimal('5000000'), volume: new Decimal('0.004'), tradeFee: new Decimal('10'), tradeTimestamp: 1_600 });
    expect(await recorder.record(trade)).toBe('recorded');
    expect(await recorder.record(trade)).toBe('unchanged');
    expect(await recorder.record(update({ state: 'cancel' }))).toBe('recorded');

    expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderCancelled']);
    const events = [...store.readStream('order-o-1')];
    expect(events[2]?.data).toEqual(expect.objectContaining({ tradeId: 'tr-1', volume: '0.004', fee: '10', funds: '20000', filledAt: 1_600 }));
    expect(events.every((e) => e.metadata.correlationId === 'corr-o-1')).toBe(true);
  });

  it('accepts an order implicitly when its first news is a trade', async () => {
    const { recorder, submit, types } = setup();
    await submit('o-1');
    await recorder.record(update({ state: 'trade', tradeUuid: 'tr-9', price: new Decimal('5000000'), volume: new Decimal('0.01'), tradeFee: new Decimal('25') }));
    expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled']);
  });

  it('ignores orders this system did not place, and news about orders that are already closed', async () => {
    const { recorder, submit, types } = setup();
    expect(await recorder.record(update({ identifier: undefined }))).toBe('not-ours');
    expect(await recorder.record(update({ identifier: 'manual-order' }))).toBe('not-ours');
    await submit('o-1');
    await recorder.record(update({ state: 'cancel' }));
    expect(await recorder.record(update({ state: 'cancel' }))).toBe('unchanged');
    expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCancelled']);
  });
});
