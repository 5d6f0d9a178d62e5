import { Dec, orderDecider } from '@trader/domain';
import { DeciderRepository } from '../../event-sourcing/decider-repository';
import { StoredEvent } from '../../ports/event-envelope';
import { OrderUpdate } from '../../ports/exchange-gateway.types';
import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { InterleavedEventStore } from '../../testing/interleaved-event-store';
import { ScriptedExchangeGateway, ScriptedOutcome } from '../../testing/scripted-exchange-gateway';
import { CancelOrder } from '../cancel-order/cancel-order.command';
import { CancelOrderHandler } from '../cancel-order/cancel-order.handler';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { OrderExecutionSaga } from '../order-execution/order-execution.saga';
import { OrderOutcomeUnresolvedError } from '../order-execution/order-execution.errors';
import { TestWorkers, testWorkers } from '../../testing/test-workers';
import { ORDER_AGGREGATE } from '../order-repository';
import { OrderUpdateRecorder } from '../order-updates/order-update-recorder';
import { OrderCancellationSaga } from './order-cancellation.saga';

const running: TestWorkers[] = [];
afterEach(async () => {
  for (const workers of running.splice(0)) await workers.stop();
});

/** The saga with its workers running; `handle` delivers an event as the lane does and waits for the work it started. */
function startedCancellation(saga: OrderCancellationSaga) {
  const workers = testWorkers();
  running.push(workers);
  saga.start(workers.spawn);
  return {
    saga,
    handle: async (event: StoredEvent): Promise<void> => {
      await saga.handle(event);
      await saga.idle();
    },
  };
}

function setup() {
  const { clock, store, orders } = inMemoryRepositories();
  const exchange = new ScriptedExchangeGateway(() => clock.now());
  // What happens elsewhere while the saga waits between two lookups (a private stream update).
  let duringNextWait: (() => Promise<unknown>) | undefined;
  const wait = async (ms: number): Promise<void> => {
    clock.advance(ms);
    const step = duringNextWait;
    duringNextWait = undefined;
    await step?.();
  };
  const execution = new OrderExecutionSaga(orders, store, exchange, clock, wait, {
    lookupAttempts: 3,
    lookupIntervalMs: 100,
    startedAfterPosition: 0,
    staleAfterMs: 5_000,
    unknownOutcomeBoundMs: 30_000,
    concurrency: 1,
  });
  const workers = testWorkers();
  running.push(workers);
  execution.start(workers.spawn);
  const failures: unknown[] = [];
  const cancellation = startedCancellation(new OrderCancellationSaga(orders, store, exchange, clock, wait, { confirmAttempts: 3, confirmIntervalMs: 100 }, (_id, e) => failures.push(e)));
  const cancel = new CancelOrderHandler(orders, clock);

  async function working(orderId: string, outcome: ScriptedOutcome): Promise<void> {
    exchange.script(orderId, outcome);
    await orders.handle(orderId, {
      type: 'SubmitOrder',
      data: { orderId, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.002', at: clock.now() },
    });
    const submitted = lastEvent(orderId);
    await execution.handle(submitted);
    await execution.idle();
    // Trades made while resting reach us through a lookup (or the private stream).
    await new ExchangeOrderApplier(orders, clock).apply(orderId, submitted, await exchange.getOrder({ identifier: orderId }));
  }
  const lastEvent = (orderId: string): StoredEvent => [...store.readStream(`order-${orderId}`)].at(-1) as StoredEvent;
  const types = (orderId: string): string[] => [...store.readStream(`order-${orderId}`)].map((e) => e.type);
  const recorder = new OrderUpdateRecorder(orders, store, clock, exchange);
  /** The private stream's `cancel` for an order that never traded. */
  const streamedCancel = (orderId: string): OrderUpdate => ({
    kind: 'order-update',
    market: 'KRW-BTC',
    uuid: `uuid-${orderId}`,
    identifier: orderId,
    side: 'bid',
    ordType: 'limit',
    state: 'cancel',
    executedVolume: new Dec(0),
    tradesCount: 0,
    timestamp: clock.now(),
  });
  const whileWaiting = (step: () => Promise<unknown>): void => {
    duringNextWait = step;
  };
  return { clock, store, orders, exchange, cancellation, failures, cancel, working, lastEvent, types, recorder, streamedCancel, whileWaiting };
}

describe('cancelling an order', () => {
  it('sends the stored cancel request and records the cancel once the exchange confirms it', async () => {
    const t = setup();
    await t.working('o-1', { kind: 'rest' });
    await t.cancel.execute(new CancelOrder('o-1', { correlationId: 'corr-cancel' }));
    t.exchange.cancelDelay = 1;
    await t.cancellation.handle(t.lastEvent('o-1'));
    expect(t.types('o-1')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted', 'OrderCancelRequested', 'OrderCancelled']);
    expect(t.exchange.lookups.filter((key) => key === 'uuid-o-1')).toHaveLength(2);
  });

  it('cancels the rest of a partly filled order, keeping what was executed', async () => {
    const t = setup();
    await t.working('o-2', { kind: 'partial' });
    await t.cancel.execute(new CancelOrder('o-2'));
    await t.cancellation.handle(t.lastEvent('o-2'));
    expect(t.types('o-2')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted', 'OrderFilled', 'OrderCancelRequested', 'OrderCancelled']);
    expect(t.lastEvent('o-2').data).toEqual(expect.objectContaining({ executedVolume: '0.001' }));
  });

  it('brings the order back from pending-cancel when the exchange says it already finished', async () => {
    const t = setup();
    await t.working('o-3', { kind: 'partial' });
    await t.cancel.execute(new CancelOrder('o-3'));
    // The rest of the order fills on the exchange before our cancel arrives.
    t.exchange.fillRemaining('o-3');
    await t.cancellation.handle(t.lastEvent('o-3'));
    expect(t.types('o-3').slice(4)).toEqual(['OrderCancelRequested', 'OrderCancelRejected', 'OrderFilled']);
    expect((await t.orders.load('o-3')).state.status).toBe('filled');
  });

  it('fails loudly, to be retried, when the exchange keeps the order open past every confirmation', async () => {
    const t = setup();
    await t.working('o-4', { kind: 'rest' });
    await t.cancel.execute(new CancelOrder('o-4'));
    t.exchange.cancelDelay = 10;
    await t.cancellation.handle(t.lastEvent('o-4'));
    expect(t.failures).toEqual([expect.any(OrderOutcomeUnresolvedError)]);
    expect((await t.orders.load('o-4')).state.status).toBe('pending_cancel');

    // The sweep takes the order up again once the exchange has closed it.
    t.exchange.cancelDelay = 0;
    expect(await t.cancellation.saga.resolveOutstanding(['o-4'])).toBe(1);
    await t.cancellation.saga.idle();
    expect((await t.orders.load('o-4')).state.status).toBe('cancelled');
  });

  it('refuses to cancel an order that is not working', async () => {
    const t = setup();
    await t.working('o-5', { kind: 'fill' });
    await expect(t.cancel.execute(new CancelOrder('o-5'))).rejects.toHaveProperty('code', 'illegal_order_transition');
    expect(t.types('o-5')).not.toContain('OrderCancelRequested');
  });

  it('refuses to cancel an order it never placed as not found, storing nothing', async () => {
    const t = setup();
    await expect(t.cancel.execute(new CancelOrder('o-unknown'))).rejects.toEqual(expect.objectContaining({ code: 'not_found', message: 'No order with id o-unknown' }));
    expect(t.types('o-unknown')).toEqual([]);
  });

  it('stops confirming once the private stream has recorded the cancel, even while lookups still show the order open', async () => {
    const t = setup();
    await t.working('o-6', { kind: 'rest' });
    await t.cancel.execute(new CancelOrder('o-6'));
    // Upbit's order lookup can lag its private stream: it reports `wait` for longer than the saga confirms.
    t.exchange.cancelDelay = 10;
    t.whileWaiting(() => t.recorder.record(t.streamedCancel('o-6')));

    await t.cancellation.handle(t.lastEvent('o-6'));

    expect(t.types('o-6')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted', 'OrderCancelRequested', 'OrderCancelled']);
    expect((await t.orders.load('o-6')).state.status).toBe('cancelled');
  });

  it('records the confirmed cancel once when the private stream stores it between the saga reading and writing the order', async () => {
    const t = setup();
    await t.working('o-7', { kind: 'rest' });
    await t.cancel.execute(new CancelOrder('o-7'));
    const interleaved = new InterleavedEventStore(t.store);
    const sagaOrders = new DeciderRepository({ store: interleaved, aggregateType: ORDER_AGGREGATE, decider: orderDecider, now: () => t.clock.now(), newEventId: () => 'unused' });
    const saga = startedCancellation(new OrderCancellationSaga(sagaOrders, interleaved, t.exchange, t.clock, async () => undefined, { confirmAttempts: 3, confirmIntervalMs: 100 }));
    interleaved.beforeNextAppend(() => t.recorder.record(t.streamedCancel('o-7')));

    await saga.handle(t.lastEvent('o-7'));

    expect(t.types('o-7')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted', 'OrderCancelRequested', 'OrderCancelled']);
  });
});
