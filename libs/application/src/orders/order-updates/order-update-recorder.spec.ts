import { Dec, orderDecider } from '@trader/domain';
import { DeciderRepository } from '../../event-sourcing/decider-repository';
import { StoredEvent } from '../../ports/event-envelope';
import { ExchangeOrder, OrderUpdate } from '../../ports/exchange-gateway.types';
import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { InterleavedEventStore } from '../../testing/interleaved-event-store';
import { ScriptedExchangeGateway, ScriptedOutcome } from '../../testing/scripted-exchange-gateway';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { ORDER_AGGREGATE } from '../order-repository';
import { OrderUpdateRecorder } from './order-update-recorder';

function setup() {
  const { clock, store, orders } = inMemoryRepositories(2_000);
  const exchange = new ScriptedExchangeGateway(() => clock.now());
  const recorder = new OrderUpdateRecorder(orders, store, clock, exchange);
  const submit = async (orderId: string): Promise<void> => {
    await orders.handle(
      orderId,
      { type: 'SubmitOrder', data: { orderId, market: 'KRW-ETH', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '5000000', volume: '0.01', at: 1_000 } },
      { commandId: `place-${orderId}`, correlationId: `corr-${orderId}` },
    );
  };
  const types = (orderId: string): string[] => [...store.readStream(`order-${orderId}`)].map((e) => e.type);
  /** The same order on the exchange, where it trades in two halves of 0.005 at 5,000,000 KRW, 0.05 % fee. */
  const onExchange = async (orderId: string, outcome: ScriptedOutcome): Promise<void> => {
    exchange.script(orderId, outcome);
    await exchange.placeOrder({ market: 'KRW-ETH', side: 'bid', ordType: 'limit', price: new Dec('5000000'), volume: new Dec('0.01'), identifier: orderId });
  };
  const fills = (orderId: string): Array<{ tradeId: string; fee: string }> =>
    [...store.readStream(`order-${orderId}`)].filter((e) => e.type === 'OrderFilled').map((e) => {
      const data = e.data as { tradeId: string; fee: string };
      return { tradeId: data.tradeId, fee: data.fee };
    });
  return { store, orders, recorder, submit, types, exchange, onExchange, fills };
}

function update(change: Partial<OrderUpdate>): OrderUpdate {
  return {
    kind: 'order-update',
    market: 'KRW-ETH',
    uuid: 'uuid-o-1',
    identifier: 'o-1',
    side: 'bid',
    ordType: 'limit',
    state: 'wait',
    executedVolume: new Dec(0),
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
    const trade = update({ state: 'trade', tradeUuid: 'tr-1', price: new Dec('5000000'), volume: new Dec('0.004'), executedVolume: new Dec('0.004'), tradeFee: new Dec('10'), tradeTimestamp: 1_600 });
    expect(await recorder.record(trade)).toBe('recorded');
    expect(await recorder.record(trade)).toBe('unchanged');
    expect(await recorder.record(update({ state: 'cancel', executedVolume: new Dec('0.004') }))).toBe('recorded');

    expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderCancelled']);
    const events = [...store.readStream('order-o-1')];
    expect(events[2]?.data).toEqual(expect.objectContaining({ tradeId: 'tr-1', volume: '0.004', fee: '10', funds: '20000', filledAt: 1_600 }));
    expect(events.every((e) => e.metadata.correlationId === 'corr-o-1')).toBe(true);
  });

  it('accepts an order implicitly when its first news is a trade', async () => {
    const { recorder, submit, types } = setup();
    await submit('o-1');
    await recorder.record(update({ state: 'trade', tradeUuid: 'tr-9', price: new Dec('5000000'), volume: new Dec('0.01'), tradeFee: new Dec('25') }));
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
      const exchange = new ScriptedExchangeGateway(() => clock.now());
      const recorder = new OrderUpdateRecorder(recorderOrders, store, clock, exchange);
      await orders.handle('o-1', { type: 'SubmitOrder', data: { orderId: 'o-1', market: 'KRW-ETH', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '5000000', volume: '0.01', at: 1_000 } }, { commandId: 'place-o-1' });
      await orders.handle('o-1', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-o-1', at: 1_100 } }, { commandId: 'accept-o-1' });
      await orders.handle('o-1', { type: 'RequestOrderCancel', data: { at: 1_200 } }, { commandId: 'cancel-o-1' });
      const cancelRequested = [...store.readStream('order-o-1')].at(-1) as StoredEvent;
      // What the saga's lookup reports: the order as the exchange holds it.
      const exchangeOrder = (change: Partial<ExchangeOrder>): ExchangeOrder => ({
        uuid: 'uuid-o-1',
        identifier: 'o-1',
        market: 'KRW-ETH',
        side: 'bid',
        ordType: 'limit',
        state: 'wait',
        price: new Dec('5000000'),
        volume: new Dec('0.01'),
        remainingVolume: new Dec('0.01'),
        executedVolume: new Dec(0),
        reservedFee: new Dec(0),
        remainingFee: new Dec(0),
        paidFee: new Dec(0),
        locked: new Dec(0),
        executedFunds: new Dec(0),
        tradesCount: 0,
        createdAt: 1_100,
        fills: [],
        ...change,
      });
      const saga = new ExchangeOrderApplier(orders, clock);
      const types = (): string[] => [...store.readStream('order-o-1')].map((e) => e.type);
      return { interleaved, recorder, orders, saga, cancelRequested, exchangeOrder, types, exchange };
    }

    it('records a streamed cancel even when a fill from a lookup is stored between its read and its write', async () => {
      const t = await pendingCancel();
      const fill = { uuid: 'tr-1', market: 'KRW-ETH', side: 'bid' as const, price: new Dec('5000000'), volume: new Dec('0.004'), funds: new Dec('20000'), createdAt: 1_150 };
      const traded = t.exchangeOrder({ executedVolume: new Dec('0.004'), executedFunds: new Dec('20000'), paidFee: new Dec('10'), tradesCount: 1, fills: [fill] });
      // The exchange holds the trade; the recorder's own lookup (the cancel reports 0.004 executed) finds it too.
      t.exchange.seed({ ...traded, state: 'cancel', remainingVolume: new Dec(0) });
      t.interleaved.beforeNextAppend(() => t.saga.apply('o-1', t.cancelRequested, traded));

      expect(await t.recorder.record(update({ state: 'cancel', executedVolume: new Dec('0.004'), tradesCount: 1 }))).toBe('recorded');

      expect(t.types()).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested', 'OrderFilled', 'OrderCancelled']);
      expect((await t.orders.load('o-1')).state.status).toBe('cancelled');
    });

    it('leaves a cancel the saga stored first as it is, without failing the private stream', async () => {
      const t = await pendingCancel();
      t.interleaved.beforeNextAppend(() => t.saga.apply('o-1', t.cancelRequested, t.exchangeOrder({ state: 'cancel', remainingVolume: new Dec(0) })));

      expect(await t.recorder.record(update({ state: 'cancel' }))).toBe('unchanged');

      expect(t.types()).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested', 'OrderCancelled']);
    });
  });

  it('moves an order we recorded as rejected to the exchange\'s state when the private stream shows it, recording the discrepancy', async () => {
    const { recorder, submit, orders, types } = setup();
    await submit('o-1');
    await orders.handle('o-1', { type: 'RecordOrderRejected', data: { reasonCode: 'duplicate_identifier', message: 'a retry re-sent it', at: 1_500 } });

    expect(await recorder.record(update({ state: 'trade', tradeUuid: 'tr-1', price: new Dec('5000000'), volume: new Dec('0.004'), executedVolume: new Dec('0.004'), tradeFee: new Dec('10') }))).toBe('recorded');

    expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderRejected', 'OrderStateCorrected', 'OrderFilled']);
    expect((await orders.load('o-1')).state).toEqual(expect.objectContaining({ status: 'partially_filled', exchangeOrderId: 'uuid-o-1' }));
  });

  describe('a trade update without its own fee', () => {
    it('takes the fee as the cumulative paid_fee less the fees already recorded, never the whole paid_fee again', async () => {
      const { recorder, submit, fills } = setup();
      await submit('o-1');
      await recorder.record(update({ state: 'trade', tradeUuid: 'tr-1', price: new Dec('5000000'), volume: new Dec('0.004'), executedVolume: new Dec('0.004'), tradeFee: new Dec('10'), paidFee: new Dec('10') }));
      await recorder.record(update({ state: 'trade', tradeUuid: 'tr-2', price: new Dec('5000000'), volume: new Dec('0.006'), executedVolume: new Dec('0.01'), paidFee: new Dec('25.00000001') }));
      expect(fills('o-1')).toEqual([
        { tradeId: 'tr-1', fee: '10' },
        { tradeId: 'tr-2', fee: '15.00000001' },
      ]);
    });

    it('looks the order up when an earlier trade was missed, and shares the unrecorded fee over the missing trades', async () => {
      const { recorder, submit, onExchange, exchange, types, fills } = setup();
      await submit('o-1');
      await onExchange('o-1', { kind: 'fill' });
      // trade-1 never arrived; trade-2 comes without a fee, its paid_fee covering both.
      const outcome = await recorder.record(
        update({ state: 'trade', tradeUuid: 'trade-2', price: new Dec('5000000'), volume: new Dec('0.005'), executedVolume: new Dec('0.01'), paidFee: new Dec('25') }),
      );
      expect(outcome).toBe('recorded');
      expect(exchange.lookups).toEqual(['uuid-o-1']);
      expect(fills('o-1')).toEqual([
        { tradeId: 'trade-1', fee: '12.5' },
        { tradeId: 'trade-2', fee: '12.5' },
      ]);
      expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
    });
  });

  describe('an update that closes the order', () => {
    it('records the trades it holds that we missed before closing a cancelled order', async () => {
      const { store, recorder, submit, onExchange, types, fills } = setup();
      await submit('o-1');
      await onExchange('o-1', { kind: 'partial' });
      await recorder.record(update({ state: 'wait' }));
      // The trade update was lost; the cancel reports the 0.005 that did execute.
      expect(await recorder.record(update({ state: 'cancel', executedVolume: new Dec('0.005'), paidFee: new Dec('12.5') }))).toBe('recorded');
      expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderCancelled']);
      expect(fills('o-1')).toEqual([{ tradeId: 'trade-1', fee: '12.5' }]);
      const cancelled = [...store.readStream('order-o-1')].at(-1);
      expect(cancelled?.data).toEqual(expect.objectContaining({ executedVolume: '0.005' }));
    });

    it('records the missed last trade when done reports more executed volume than recorded, so the order ends filled', async () => {
      const { orders, recorder, submit, onExchange, types, fills } = setup();
      await submit('o-1');
      await onExchange('o-1', { kind: 'fill' });
      await recorder.record(update({ state: 'trade', tradeUuid: 'trade-1', price: new Dec('5000000'), volume: new Dec('0.005'), executedVolume: new Dec('0.005'), tradeFee: new Dec('12.5') }));
      await recorder.record(update({ state: 'done', executedVolume: new Dec('0.01'), paidFee: new Dec('25') }));
      expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
      expect(fills('o-1')).toEqual([
        { tradeId: 'trade-1', fee: '12.5' },
        { tradeId: 'trade-2', fee: '12.5' },
      ]);
      expect((await orders.load('o-1')).state.status).toBe('filled');
    });

    it('does not look the order up when the executed volume matches what was recorded', async () => {
      const { recorder, submit, onExchange, exchange, types } = setup();
      await submit('o-1');
      await onExchange('o-1', { kind: 'partial' });
      await recorder.record(update({ state: 'trade', tradeUuid: 'trade-1', price: new Dec('5000000'), volume: new Dec('0.005'), executedVolume: new Dec('0.005'), tradeFee: new Dec('12.5') }));
      await recorder.record(update({ state: 'cancel', executedVolume: new Dec('0.005') }));
      expect(exchange.lookups).toEqual([]);
      expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderCancelled']);
    });

    it('records nothing and reports the order unresolved when the lookup fails, rather than closing it short of its fills', async () => {
      const { recorder, submit, onExchange, exchange, types } = setup();
      await submit('o-1');
      await onExchange('o-1', { kind: 'partial' });
      await recorder.record(update({ state: 'wait' }));
      exchange.failLookups(1);
      expect(await recorder.record(update({ state: 'cancel', executedVolume: new Dec('0.005') }))).toBe('unresolved');
      expect(types('o-1')).toEqual(['OrderSubmitted', 'OrderAccepted']);
    });
  });
});
