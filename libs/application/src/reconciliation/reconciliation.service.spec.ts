import { Decimal } from 'decimal.js';
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
  );

  /** An order our previous process stored and sent, then died before recording the answer. */
  async function sentBeforeCrash(orderId: string, outcome: ScriptedOutcome): Promise<void> {
    exchange.script(orderId, outcome);
    const data = { orderId, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.002', at: clock.now() };
    await orders.handle(orderId, { type: 'SubmitOrder', data });
    await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', identifier: orderId, price: new Decimal('100000000'), volume: new Decimal('0.002') });
  }
  return { clock, store, orders, positions, exchange, service, sentBeforeCrash, types };
}

describe('ReconciliationService', () => {
  it('brings every open order up to date with the exchange after a crash', async () => {
    const t = setup();
    await t.sentBeforeCrash('executed', { kind: 'lost-answer' });
    await t.sentBeforeCrash('never-arrived', { kind: 'lost-request' });
    await t.sentBeforeCrash('resting', { kind: 'partial' });
    t.exchange.balances.set('BTC', new Decimal('0.003'));
    t.exchange.balances.set('ETH', new Decimal('0.5'));

    const report = await t.service.reconcile('startup');

    expect(t.types('order-executed')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
    expect(t.types('order-never-arrived')).toEqual(['OrderSubmitted', 'OrderRejected']);
    expect(t.types('order-resting')).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled']);
    // The fills found (0.002 + 0.001 BTC) are in the position before balances are compared: BTC agrees.
    expect((await t.positions.load('KRW-BTC')).state.quantity.toFixed()).toBe('0.003');
    expect(report).toEqual({ ordersChecked: 3, ordersUpdated: 3, discrepancies: 1 });
    expect(t.types('reconciliation')).toEqual(['ReconciliationStarted', 'BalanceMismatchFound', 'ReconciliationCompleted']);
    expect([...t.store.readStream('reconciliation')][1]?.data).toEqual(expect.objectContaining({ market: 'KRW-ETH', kind: 'excess' }));

    const [started] = [...t.store.readStream('reconciliation')];
    const fix = [...t.store.readStream('order-executed')][1];
    expect(fix?.metadata).toEqual(expect.objectContaining({ causationId: started?.eventId, correlationId: started?.eventId }));
  });

  it('reports open orders it did not place, and balances that disagree with positions, without changing them', async () => {
    const t = setup();
    t.exchange.foreignOrders.push({
      uuid: 'manual-1',
      market: 'KRW-ETH',
      side: 'ask',
      ordType: 'limit',
      state: 'wait',
      remainingVolume: new Decimal(1),
      executedVolume: new Decimal(0),
      reservedFee: new Decimal(0),
      remainingFee: new Decimal(0),
      paidFee: new Decimal(0),
      locked: new Decimal(1),
      tradesCount: 0,
      createdAt: 0,
      fills: [],
    });
    await t.positions.handle('KRW-BTC', { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId: 't-1', side: 'buy', price: '100000000', volume: '0.002', fee: '100', at: 0 } });
    t.exchange.balances.set('ETH', new Decimal('1'));

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
    expect(t.types('order-executed')).toEqual(['OrderSubmitted']);
  });
});
