import { orderDecider } from '@trader/domain';
import { Decimal } from 'decimal.js';
import { DeciderRepository } from '../../event-sourcing/decider-repository';
import { StoredEvent } from '../../ports/event-envelope';
import { ExchangeOrder, OrderUpdate } from '../../ports/exchange-gateway.types';
import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { InterleavedEventStore } from '../../testing/interleaved-event-store';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { ORDER_AGGREGATE } from '../order-repository';
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

  describe('racing the cancellation saga on the same order stream', () => {
    /** A working order with a stored cancel request; the recorder writes through a store that lets the saga slip in. */
    async function pendingCancel() {
      const { clock, store, orders } = inMemoryRepositories(2_000);
      const interleaved = new InterleavedEventStore(store);
      const recorderOrders = new DeciderRepository({ store: interleaved, aggregateType: ORDER_AGGREGATE, decider: orderDecider, now: () => clock.now(), newEventId: () => 'unused' });
      const recorder = new OrderUpdateRecorder(recorderOrders, store, clock);
      await orders.handle('o-1', { type: 'SubmitOrder', data: { orderId: 'o-1', market: 'KRW-ETH', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '5000000', volume: '0.01', at: 1_000 } }, { commandId: 'place-o-1' });
      await orders.handle('o-1', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-1', at: 1_100 } }, { commandId: 'accept-o-1' });
      await orders.handle('o-1', { type: 'RequestOrderCancel', data: { at: 1_200 } }, { commandId: 'cancel-o-1' });
      const cancelRequested = [...store.readStream('order-o-1')].at(-1) as StoredEvent;
      // What the saga's lookup reports: the order as the exchange holds it.
      const exchangeOrder = (change: Partial<ExchangeOrder>): ExchangeOrder => ({
        uuid: 'uuid-1',
        identifier: 'o-1',
        market: 'KRW-ETH',
        side: 'bid',
        ordType: 'limit',
        state: 'wait',
        price: new Decimal('5000000'),
        volume: new Decimal('0.01'),
        remainingVolume: new Decimal('0.01'),
        executedVolume: new Decimal(0),
        reservedFee: new Decimal(0),
        remainingFee: new Decimal(0),
        paidFee: new Decimal(0),
        locked: new Decimal(0),
        executedFunds: new Decimal(0),
        tradesCount: 0,
        createdAt: 1_100,
        fills: [],
        ...change,
      });
      const saga = new ExchangeOrderApplier(orders, clock);
      const types = (): string[] => [...store.readStream('order-o-1')].map((e) => e.type);
      return { interleaved, recorder, orders, saga, cancelRequested, exchangeOrder, types };
    }

    it('records a streamed cancel even when a fill from a lookup is stored between its read and its write', async () => {
      const t = await pendingCancel();
      const fill = { uuid: 'tr-1', market: 'KRW-ETH', side: 'bid' as const, price: new Decimal('5000000'), volume: new Decimal('0.004'), funds: new Decimal('20000'), createdAt: 1_150 };
      t.interleaved.beforeNextAppend(() =>
        t.saga.apply('o-1', t.cancelRequested, t.exchangeOrder({ executedVolume: new Decimal('0.004'), executedFunds: new Decimal('20000'), paidFee: new Decimal('10'), tradesCount: 1, fills: [fill] })),
      );

      expect(await t.recorder.record(update({ state: 'cancel', executedVolume: new Decimal('0.004'), tradesCount: 1 }))).toBe('recorded');

      expect(t.types()).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested', 'OrderFilled', 'OrderCancelled']);
      expect((await t.orders.load('o-1')).state.status).toBe('cancelled');
    });

    it('leaves a cancel the saga stored first as it is, without failing the private stream', async () => {
      const t = await pendingCancel();
      t.interleaved.beforeNextAppend(() => t.saga.apply('o-1', t.cancelRequested, t.exchangeOrder({ state: 'cancel', remainingVolume: new Decimal(0) })));

      expect(await t.recorder.record(update({ state: 'cancel' }))).toBe('unchanged');

      expect(t.types()).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested', 'OrderCancelled']);
    });
  });
});
