import type { OrderCommand, OrderSubmitted } from '@trader/domain';
import fc from 'fast-check';
import { StoredEvent } from '../../ports/event-envelope';
import { BackpressureError } from '../../ports/event-store.errors';
import { inMemoryRepositories } from '../../testing/in-memory-repositories';
import { ScriptedExchangeGateway, ScriptedOutcome } from '../../testing/scripted-exchange-gateway';
import { TestWorkers, testWorkers } from '../../testing/test-workers';
import { ExchangeOrderApplier } from '../exchange-order-applier';
import { OrderOutcomeUnresolvedError } from './order-execution.errors';
import { toOrderRequest } from './order-request';
import { OrderExecutionSaga } from './order-execution.saga';

const running: TestWorkers[] = [];
afterEach(async () => {
  for (const workers of running.splice(0)) await workers.stop();
});

function setup(options: { startedAfterPosition?: number; lookupAttempts?: number } = {}) {
  const { clock, store, orders, types } = inMemoryRepositories();
  const exchange = new ScriptedExchangeGateway(() => clock.now());
  const waits: number[] = [];
  const failures: unknown[] = [];
  const execution = new OrderExecutionSaga(
    orders,
    store,
    exchange,
    clock,
    async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    {
      lookupAttempts: options.lookupAttempts ?? 3,
      lookupIntervalMs: 500,
      startedAfterPosition: options.startedAfterPosition ?? 0,
      staleAfterMs: 5_000,
      unknownOutcomeBoundMs: 30_000,
      concurrency: 4,
    },
    (_orderId, error) => failures.push(error),
  );
  const workers = testWorkers();
  running.push(workers);
  execution.start(workers.spawn);
  /** Delivers the event as the lane does, then waits for the exchange work it started. */
  const saga = {
    handle: async (event: StoredEvent): Promise<void> => {
      await execution.handle(event);
      await execution.idle();
    },
  };

  async function submit(orderId: string, terms: Partial<Extract<OrderCommand, { type: 'SubmitOrder' }>['data']> = {}): Promise<StoredEvent> {
    await orders.handle(
      orderId,
      {
        type: 'SubmitOrder',
        data: { orderId, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.001', at: clock.now(), ...terms },
      },
      { commandId: `place-${orderId}`, correlationId: `corr-${orderId}` },
    );
    return [...store.readStream(`order-${orderId}`)][0] as StoredEvent;
  }

  const typesOf = (orderId: string): string[] => types(`order-${orderId}`);
  return { clock, store, orders, exchange, execution, saga, waits, failures, submit, typesOf };
}

describe('OrderExecutionSaga', () => {
  it('sends a submitted order once and records acceptance and each trade', async () => {
    const t = setup();
    const submitted = await t.submit('o-1');
    await t.saga.handle(submitted);
    // The exchange answered without trades; they arrive through the order lookup or the private stream.
    expect(t.typesOf('o-1')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted']);
    expect(t.exchange.placed).toEqual([
      expect.objectContaining({ identifier: 'o-1', market: 'KRW-BTC', side: 'bid', ordType: 'limit' }),
    ]);
    expect(t.exchange.placed[0]?.price?.toFixed()).toBe('100000000');

    const events = [...t.store.readStream('order-o-1')];
    expect(events[2]?.metadata).toEqual(expect.objectContaining({ correlationId: 'corr-o-1', causationId: submitted.eventId }));
  });

  it('records the exchange refusing the order as OrderRejected with its reason', async () => {
    const t = setup();
    t.exchange.script('o-2', { kind: 'reject', reason: 'insufficient_funds' });
    await t.saga.handle(await t.submit('o-2'));
    expect(t.typesOf('o-2')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderRejected']);
    expect([...t.store.readStream('order-o-2')][2]?.data).toEqual(expect.objectContaining({ reasonCode: 'insufficient_funds' }));
  });

  it('records an order refused as stale before sending as OrderRejected with reason stale_order, never as unknown', async () => {
    const t = setup();
    t.exchange.script('o-s', { kind: 'stale' });
    await t.saga.handle(await t.submit('o-s'));
    expect(t.typesOf('o-s')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderRejected']);
    expect([...t.store.readStream('order-o-s')][2]?.data).toEqual(expect.objectContaining({ reasonCode: 'stale_order' }));
    expect(t.exchange.lookups).toEqual([]);
  });

  it('resolves a lost answer by looking the order up by identifier, never sending it again', async () => {
    const t = setup();
    t.exchange.script('o-3', { kind: 'lost-answer' });
    await t.saga.handle(await t.submit('o-3'));
    expect(t.typesOf('o-3')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderOutcomeUnknown', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
    expect(t.exchange.placed).toHaveLength(1);
    expect(t.exchange.lookups).toEqual(['o-3']);
    const fills = [...t.store.readStream('order-o-3')].filter((e) => e.type === 'OrderFilled').map((e) => e.data as { fee: string });
    // 100,000,000 KRW x 0.001 BTC = 100,000 KRW at 0.05%: the shared-out fees add up to exactly 50 KRW.
    expect(fills.map((f) => f.fee)).toEqual(['25', '25']);
  });

  it('rejects an order the exchange still does not know after every lookup, pausing between lookups', async () => {
    const t = setup({ lookupAttempts: 3 });
    t.exchange.script('o-4', { kind: 'lost-request' });
    await t.saga.handle(await t.submit('o-4'));
    expect(t.typesOf('o-4')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderOutcomeUnknown', 'OrderRejected']);
    expect([...t.store.readStream('order-o-4')][3]?.data).toEqual(expect.objectContaining({ reasonCode: 'not_found_after_unknown_outcome' }));
    expect(t.exchange.lookups).toEqual(['o-4', 'o-4', 'o-4']);
    expect(t.waits).toEqual([500, 500]);
    expect(t.exchange.placed).toHaveLength(1);
  });

  it('keeps looking while the exchange is unreachable and resolves once it answers', async () => {
    const t = setup({ lookupAttempts: 4 });
    t.exchange.script('o-5', { kind: 'lost-answer' });
    t.exchange.failLookups(2);
    await t.saga.handle(await t.submit('o-5'));
    expect(t.typesOf('o-5')).toContain('OrderAccepted');
    expect(t.exchange.lookups).toHaveLength(3);
  });

  it('leaves the outcome unknown and reports the failure when the exchange cannot be asked at all', async () => {
    const t = setup({ lookupAttempts: 2 });
    t.exchange.script('o-6', { kind: 'lost-answer' });
    t.exchange.failLookups(2);
    const submitted = await t.submit('o-6');
    await t.saga.handle(submitted);
    expect(t.failures).toEqual([expect.any(OrderOutcomeUnresolvedError)]);
    expect(t.typesOf('o-6')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderOutcomeUnknown']);

    // The sweep finds it later: the order is looked up again, not sent again.
    expect(await t.execution.resolveOutstanding(['o-6'])).toBe(1);
    await t.execution.idle();
    expect(t.exchange.placed).toHaveLength(1);
    expect(t.typesOf('o-6')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderOutcomeUnknown', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
  });

  it('never POSTs an identifier twice when recording the answer fails after the POST (a full lane), and records the order as live', async () => {
    const t = setup();
    const submitted = await t.submit('o-10');
    t.store.failNextAppend(
      (stream, events) => stream === 'order-o-10' && events.some((e) => e.type === 'OrderAccepted'),
      new BackpressureError('critical-trading', 4096, 4096),
    );
    await t.execution.handle(submitted);
    await t.execution.idle();
    // The lane delivers the event again, as it does after a handler failure or a crash.
    await t.saga.handle(submitted);
    expect(t.exchange.placed.filter((r) => r.identifier === 'o-10')).toHaveLength(1);
    const { state } = await t.orders.load('o-10');
    expect(state.status).toBe('filled');
    expect(t.typesOf('o-10')).not.toContain('OrderRejected');
  });

  it('never POSTs an identifier twice when the event is delivered again while its send is in flight', async () => {
    const t = setup();
    const submitted = await t.submit('o-11');
    await t.execution.handle(submitted);
    await t.execution.handle(submitted);
    await t.execution.idle();
    expect(t.exchange.placed.filter((r) => r.identifier === 'o-11')).toHaveLength(1);
    expect((await t.orders.load('o-11')).state.status).toBe('accepted');
  });

  it('takes a duplicate_identifier refusal as proof the order exists: it is looked up and recorded live, never rejected', async () => {
    const t = setup();
    const submitted = await t.submit('o-dup');
    // An earlier attempt (a process that died before its mark was stored) already reached the exchange.
    await t.exchange.placeOrder(toOrderRequest(submitted.data as OrderSubmitted['data']));
    await t.saga.handle(submitted);
    expect(t.typesOf('o-dup')).not.toContain('OrderRejected');
    expect((await t.orders.load('o-dup')).state.status).toBe('filled');
    expect(t.exchange.lookups).toContain('o-dup');
  });

  it('refuses an order that could not leave within the stale bound, and never sends it', async () => {
    const t = setup();
    const submitted = await t.submit('o-12');
    t.clock.advance(5_001);
    await t.saga.handle(submitted);
    expect(t.exchange.placed).toEqual([]);
    expect(t.typesOf('o-12')).toEqual(['OrderSubmitted', 'OrderRejected']);
    expect([...t.store.readStream('order-o-12')][1]?.data).toEqual(expect.objectContaining({ reasonCode: 'stale_order' }));
  });

  it('gives the client only what is left of the stale bound when the order waited before a worker took it', async () => {
    const t = setup();
    const submitted = await t.submit('o-14');
    t.clock.advance(2_000);
    await t.saga.handle(submitted);
    expect(t.exchange.placed[0]).toEqual(expect.objectContaining({ identifier: 'o-14', leaveWithinMs: 3_000 }));
  });

  it('resolves one order of unknown outcome without holding up the others', async () => {
    const t = setup({ lookupAttempts: 3 });
    t.exchange.script('slow', { kind: 'lost-answer' });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.exchange.failLookups(1);
    // The slow order's lookups wait on `held`, as they would on a slow exchange.
    const slow = new OrderExecutionSaga(t.orders, t.store, t.exchange, t.clock, () => held, {
      lookupAttempts: 3,
      lookupIntervalMs: 500,
      startedAfterPosition: 0,
      staleAfterMs: 5_000,
      unknownOutcomeBoundMs: 30_000,
      concurrency: 4,
    });
    const workers = testWorkers();
    running.push(workers);
    slow.start(workers.spawn);
    await slow.handle(await t.submit('slow'));
    await slow.handle(await t.submit('fast'));
    await until(async () => (await t.orders.load('fast')).state.status === 'accepted');
    expect((await t.orders.load('slow')).state.status).toBe('unknown');
    release();
    await slow.idle();
    expect((await t.orders.load('slow')).state.status).toBe('filled');
  });

  it('records the fee of a trade the stream missed as what is left of paid_fee, never a share of the whole', async () => {
    const t = setup();
    t.exchange.script('o-13', { kind: 'lost-answer' });
    const submitted = await t.submit('o-13');
    // The private stream recorded the first trade with its exact fee before the lookup ran.
    await t.orders.handle('o-13', { type: 'MarkOrderSendStarted', data: { at: t.clock.now() } });
    await t.exchange.placeOrder(toOrderRequest(submitted.data as OrderSubmitted['data']));
    const onExchange = await t.exchange.getOrder({ identifier: 'o-13' });
    const [first] = onExchange.fills;
    await t.orders.handle('o-13', {
      type: 'RecordFill',
      data: { exchangeOrderId: onExchange.uuid, tradeId: first?.uuid ?? '', price: first?.price.toFixed() ?? '', volume: first?.volume.toFixed() ?? '', fee: '20', at: t.clock.now() },
    });
    await new ExchangeOrderApplier(t.orders, t.clock).apply('o-13', submitted, onExchange);
    const fees = [...t.store.readStream('order-o-13')].filter((e) => e.type === 'OrderFilled').map((e) => (e.data as { fee: string }).fee);
    // 100,000 KRW at 0.05 % is 50 KRW in all: the second trade takes what the first did not.
    expect(fees).toEqual(['20', '30']);
  });

  it('does nothing for an order whose outcome is already recorded (a replayed event)', async () => {
    const t = setup();
    const submitted = await t.submit('o-7');
    await t.saga.handle(submitted);
    await t.saga.handle(submitted);
    expect(t.exchange.placed).toHaveLength(1);
    expect(t.typesOf('o-7')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted']);
  });

  it('looks up, and never sends, an order submitted before the process restarted', async () => {
    const t = setup({ startedAfterPosition: 10 });
    const submitted = await t.submit('o-8');
    await t.saga.handle(submitted);
    expect(t.exchange.placed).toEqual([]);
    expect(t.typesOf('o-8')).toEqual(['OrderSubmitted', 'OrderOutcomeUnknown', 'OrderRejected']);
  });

  it('maps a market buy onto Upbit ord_type price spending its funds', async () => {
    const t = setup();
    await t.saga.handle(await t.submit('o-9', { orderType: 'market', price: undefined, volume: undefined, funds: '50000' }));
    expect(t.exchange.placed[0]).toEqual(expect.objectContaining({ ordType: 'price', side: 'bid' }));
    expect(t.exchange.placed[0]?.price?.toFixed()).toBe('50000');
    expect(t.exchange.placed[0]?.volume).toBeUndefined();
  });

  it('never sends an order twice and resolves every unknown outcome, whatever the exchange does', async () => {
    const outcome = fc.oneof(
      fc.constant<ScriptedOutcome>({ kind: 'fill' }),
      fc.constant<ScriptedOutcome>({ kind: 'rest' }),
      fc.constant<ScriptedOutcome>({ kind: 'reject', reason: 'under_min_total' }),
      fc.constant<ScriptedOutcome>({ kind: 'lost-answer' }),
      fc.constant<ScriptedOutcome>({ kind: 'lost-request' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(outcome, fc.boolean()), { minLength: 1, maxLength: 12 }), async (script) => {
        const t = setup();
        const submitted: StoredEvent[] = [];
        for (const [index, [scripted]] of script.entries()) {
          t.exchange.script(`p-${index}`, scripted);
          submitted.push(await t.submit(`p-${index}`));
        }
        for (const [index, event] of submitted.entries()) {
          await t.saga.handle(event);
          // Some events are delivered twice, as after a crash between the effect and the checkpoint.
          if (script[index]?.[1]) await t.saga.handle(event);
        }
        const sent = t.exchange.placed.map((r) => r.identifier);
        expect(new Set(sent).size).toBe(sent.length);
        for (const index of script.keys()) {
          const { state } = await t.orders.load(`p-${index}`);
          expect(['accepted', 'filled', 'rejected']).toContain(state.status);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Polls `condition` between turns of the event loop until it holds (the exchange work runs concurrently). */
async function until(condition: () => Promise<boolean>, turns = 1_000): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not met');
}
