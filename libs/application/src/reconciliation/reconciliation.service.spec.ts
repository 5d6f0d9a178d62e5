import { Dec } from '@trader/domain';
import { ExchangeUnavailableError } from '../ports/exchange-gateway.errors';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { ScriptedExchangeGateway, ScriptedOutcome } from '../testing/scripted-exchange-gateway';
import { ScannedTrackedOrders } from '../orders/tracked-orders';
import { PositionKeeper } from '../positions/position-keeper';
import { ReconciliationService } from './reconciliation.service';

function setup() {
  const { clock, store, orders, positions, ids: ids$, types } = inMemoryRepositories();
  const exchange = new ScriptedExchangeGateway(() => clock.now());
  // Stands in for the position keeper's subscription: applies every fill not yet applied.
  const keeper = new PositionKeeper(positions);
  let applied = 0;
  const positionsCaughtUp = async (upTo: number): Promise<void> => {
    for (const event of store.readAll(applied + 1, upTo - applied)) await keeper.handle(event);
    applied = upTo;
  };
  const service = new ReconciliationService(
    store,
    orders,
    positions,
    new ScannedTrackedOrders(store, orders),
    exchange,
    clock,
    ids$,
    ['KRW-BTC', 'KRW-ETH'],
    positionsCaughtUp,
    { sendInFlight: (orderId) => inFlight.has(orderId), unknownOutcomeBoundMs: 30_000, lookupIntervalMs: 1_000, wait: async (ms) => clock.advance(ms) },
  );
  const inFlight = new Set<string>();

  /** An order our previous process stored and sent, then died before recording the answer. */
  async function sentBeforeCrash(orderId: string, outcome: ScriptedOutcome): Promise<void> {
    exchange.script(orderId, outcome);
    const data = { orderId, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.002', at: clock.now() };
    await orders.handle(orderId, { type: 'SubmitOrder', data });
    await orders.handle(orderId, { type: 'MarkOrderSendStarted', data: { at: clock.now() } });
    await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', identifier: orderId, price: new Dec('100000000'), volume: new Dec('0.002') });
  }
  return { clock, store, orders, positions, exchange, service, sentBeforeCrash, types, inFlight };
}

describe('ReconciliationService', () => {
  it('brings every open order up to date with the exchange after a crash', async () => {
    const t = setup();
    await t.sentBeforeCrash('executed', { kind: 'lost-answer' });
    await t.sentBeforeCrash('never-arrived', { kind: 'lost-request' });
    await t.sentBeforeCrash('resting', { kind: 'partial' });
    t.exchange.balances.set('BTC', new Dec('0.003'));
    t.exchange.balances.set('ETH', new Dec('0.5'));
    t.clock.advance(31_000);

    const report = await t.service.reconcile('startup');

    expect(t.types('order-executed')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
    expect(t.types('order-never-arrived')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderRejected']);
    expect(t.types('order-resting')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderAccepted', 'OrderFilled']);
    // The fills found (0.002 + 0.001 BTC) are in the position before balances are compared: BTC agrees.
    expect((await t.positions.load('KRW-BTC')).state.quantity.toFixed()).toBe('0.003');
    expect(report).toEqual({ ordersChecked: 3, ordersUpdated: 3, discrepancies: 1, shortMarkets: [] });
    expect(t.types('reconciliation')).toEqual(['ReconciliationStarted', 'BalanceMismatchFound', 'ReconciliationCompleted']);
    expect([...t.store.readStream('reconciliation')][1]?.data).toEqual(expect.objectContaining({ market: 'KRW-ETH', kind: 'excess' }));

    const [started] = [...t.store.readStream('reconciliation')];
    const fix = [...t.store.readStream('order-executed')][2];
    expect(fix?.metadata).toEqual(expect.objectContaining({ causationId: started?.eventId, correlationId: started?.eventId }));
  });

  it('resolves several orders the same way in one pass, each with its own event ids', async () => {
    const t = setup();
    await t.sentBeforeCrash('lost-a', { kind: 'lost-request' });
    await t.sentBeforeCrash('lost-b', { kind: 'lost-request' });
    await t.sentBeforeCrash('done-a', { kind: 'lost-answer' });
    await t.sentBeforeCrash('done-b', { kind: 'lost-answer' });
    t.exchange.balances.set('BTC', new Dec('0.004'));
    t.clock.advance(31_000);

    await t.service.reconcile('stream-gap');

    expect(t.types('order-lost-a').at(-1)).toBe('OrderRejected');
    expect(t.types('order-lost-b').at(-1)).toBe('OrderRejected');
    expect(t.types('order-done-a').at(-1)).toBe('OrderFilled');
    expect(t.types('order-done-b').at(-1)).toBe('OrderFilled');
    expect(t.types('reconciliation').at(-1)).toBe('ReconciliationCompleted');
  });

  it('never rejects an order whose send may still be on its way: in flight here, or started within the bound', async () => {
    const t = setup();
    await t.sentBeforeCrash('in-flight', { kind: 'lost-request' });
    await t.sentBeforeCrash('recent', { kind: 'lost-request' });
    t.inFlight.add('in-flight');
    t.clock.advance(10_000);
    await t.orders.handle('unsent', {
      type: 'SubmitOrder',
      data: { orderId: 'unsent', market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.002', at: t.clock.now() },
    });

    await t.service.reconcile('stream-gap');

    expect(t.types('order-in-flight')).toEqual(['OrderSubmitted', 'OrderSendStarted']);
    expect(t.types('order-recent')).toEqual(['OrderSubmitted', 'OrderSendStarted']);
    expect(t.types('order-unsent')).toEqual(['OrderSubmitted']);

    // Past the bound, and with a second lookup a pause later agreeing, a lost order is rejected.
    t.inFlight.clear();
    t.clock.advance(30_000);
    await t.service.reconcile('stream-gap');
    expect(t.types('order-in-flight').at(-1)).toBe('OrderRejected');
    expect(t.types('order-recent').at(-1)).toBe('OrderRejected');
  });

  it('corrects an order it had recorded as rejected from the exchange, and reports no shortfall once the fills are in', async () => {
    const t = setup();
    await t.sentBeforeCrash('sold', { kind: 'lost-answer' });
    await t.orders.handle('sold', { type: 'RecordOrderRejected', data: { reasonCode: 'not_found_at_reconciliation', message: 'lookup raced the POST', at: t.clock.now() } });
    // The exchange executed the buy; our records said rejected, so the position is short of the balance.
    t.exchange.balances.set('BTC', new Dec('0.002'));

    const report = await t.service.reconcile('stream-gap');

    expect(t.types('order-sold')).toEqual(['OrderSubmitted', 'OrderSendStarted', 'OrderRejected', 'OrderStateCorrected', 'OrderFilled', 'OrderFilled']);
    expect([...t.store.readStream('order-sold')][3]?.data).toEqual(
      expect.objectContaining({ from: 'rejected', exchangeState: 'done', evidence: 'balance mismatch at reconciliation' }),
    );
    expect((await t.positions.load('KRW-BTC')).state.quantity.toFixed()).toBe('0.002');
    expect(report.shortMarkets).toEqual([]);
    expect(t.types('reconciliation')).not.toContain('BalanceMismatchFound');
  });

  it('reports open orders it did not place, and balances that disagree with positions, without changing them', async () => {
    const t = setup();
    t.exchange.foreignOrders.push({
      uuid: 'manual-1',
      market: 'KRW-ETH',
      side: 'ask',
      ordType: 'limit',
      state: 'wait',
      remainingVolume: new Dec(1),
      executedVolume: new Dec(0),
      reservedFee: new Dec(0),
      remainingFee: new Dec(0),
      paidFee: new Dec(0),
      locked: new Dec(1),
      tradesCount: 0,
      createdAt: 0,
      fills: [],
    });
    await t.positions.handle('KRW-BTC', { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId: 't-1', side: 'buy', price: '100000000', volume: '0.002', fee: '100', at: 0 } });
    t.exchange.balances.set('ETH', new Dec('1'));

    await t.service.reconcile('operator');
    const findings = [...t.store.readStream('reconciliation')].filter((e) => e.type !== 'ReconciliationStarted' && e.type !== 'ReconciliationCompleted');
    expect(findings.map((e) => [e.type, e.data])).toEqual([
      ['UnknownExchangeOrderFound', expect.objectContaining({ uuid: 'manual-1', identifier: null, market: 'KRW-ETH' })],
      ['BalanceMismatchFound', expect.objectContaining({ market: 'KRW-BTC', kind: 'short', positionQuantity: '0.002', exchangeQuantity: '0' })],
      ['BalanceMismatchFound', expect.objectContaining({ market: 'KRW-ETH', kind: 'excess', positionQuantity: '0', exchangeQuantity: '1' })],
    ]);
    expect((await t.positions.load('KRW-BTC')).state.quantity.toFixed()).toBe('0.002');
  });

  it('records a failed reconciliation and fails, so strategies stay stopped', async () => {
    const t = setup();
    await t.sentBeforeCrash('executed', { kind: 'lost-answer' });
    t.exchange.failLookups(1);
    await expect(t.service.reconcile('stream-gap')).rejects.toBeInstanceOf(ExchangeUnavailableError);
    expect(t.types('reconciliation')).toEqual(['ReconciliationStarted', 'ReconciliationFailed']);
    expect(t.types('order-executed')).toEqual(['OrderSubmitted', 'OrderSendStarted']);
  });
});
