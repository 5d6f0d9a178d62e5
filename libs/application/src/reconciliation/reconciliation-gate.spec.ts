import { Dec } from '@trader/domain';
import { PlaceOrder } from '../orders/place-order/place-order.command';
import { PlaceOrderHandler } from '../orders/place-order/place-order.handler';
import { ScannedTrackedOrders } from '../orders/tracked-orders';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { ScriptedExchangeGateway } from '../testing/scripted-exchange-gateway';
import { SESSION_ID } from '../trading/trading-repositories';
import { ReconciliationGate } from './reconciliation-gate';
import { ReconciliationService } from './reconciliation.service';

function setup() {
  const r = inMemoryRepositories();
  const exchange = new ScriptedExchangeGateway(() => r.clock.now());
  const service = new ReconciliationService(r.store, r.orders, r.positions, new ScannedTrackedOrders(r.store, r.orders), exchange, r.clock, r.ids, ['KRW-BTC'], async () => undefined, {
    sendInFlight: () => false,
    unknownOutcomeBoundMs: 30_000,
    lookupIntervalMs: 1_000,
    wait: async (ms) => r.clock.advance(ms),
  });
  const gate = new ReconciliationGate(service, r.session, r.clock);
  const mode = async (): Promise<string> => (await r.session.load(SESSION_ID)).state.mode;
  return { ...r, exchange, service, gate, mode };
}

describe('ReconciliationGate', () => {
  it('keeps the session idle until the start-up reconciliation succeeds, then starts trading', async () => {
    const t = setup();
    await t.orders.handle('o-1', {
      type: 'SubmitOrder',
      data: { orderId: 'o-1', market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.001', at: 0 },
    });
    t.exchange.failLookups(1);
    await expect(t.gate.atStartup()).rejects.toHaveProperty('code', 'EXCHANGE_UNAVAILABLE');
    expect(await t.mode()).toBe('idle');

    await t.gate.atStartup();
    expect(await t.mode()).toBe('trading');
  });

  it('halts entries while it reconciles after a stream gap, then resumes', async () => {
    const t = setup();
    t.exchange.balances.set('KRW', new Dec(1));
    await t.gate.atStartup();
    await t.gate.afterStreamGap();
    expect(t.types('session-main')).toEqual(['TradingStarted', 'TradingHalted', 'TradingResumed']);
    expect(await t.mode()).toBe('trading');
  });

  it('denies every order until the start-up reconciliation succeeds, whatever mode the last process left', async () => {
    const t = setup();
    // The previous process left the session trading, under risk limits.
    await t.startTrading();
    const place = new PlaceOrderHandler(t.orders, t.session, t.risk, t.clock, t.store, t.gate);
    const order = (id: string, side: 'buy' | 'sell') =>
      new PlaceOrder(id, { market: 'KRW-BTC', side, orderType: 'limit', price: '100000000', volume: '0.001' });
    t.exchange.failLookups(1);
    t.exchange.balances.set('KRW', new Dec(1));
    await t.orders.handle('o-1', {
      type: 'SubmitOrder',
      data: { orderId: 'o-1', market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.001', at: 0 },
    });
    await expect(t.gate.atStartup()).rejects.toHaveProperty('code', 'EXCHANGE_UNAVAILABLE');

    expect(await place.execute(order('entry-1', 'buy'))).toEqual(expect.objectContaining({ status: 'denied', reasonCode: 'reconciliation_pending' }));
    expect(await place.execute(order('exit-1', 'sell'))).toEqual(expect.objectContaining({ status: 'denied', reasonCode: 'reconciliation_pending' }));
    expect(t.types('order-entry-1')).toEqual([]);

    await t.gate.atStartup();
    expect(await place.execute(order('entry-2', 'buy'))).toEqual(expect.objectContaining({ status: 'submitted' }));
  });

  it('lifts a stream-gap halt at start-up once reconciliation succeeds, even after a failed pass and a restart', async () => {
    const t = setup();
    await t.gate.atStartup();
    t.exchange.failLookups(1);
    await t.orders.handle('o-1', {
      type: 'SubmitOrder',
      data: { orderId: 'o-1', market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.001', at: 0 },
    });
    await expect(t.gate.afterStreamGap()).rejects.toHaveProperty('code', 'EXCHANGE_UNAVAILABLE');
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'stream_gap' }));

    // A new process: its gate reconciles at start-up and lifts the halt the last one left.
    const restarted = new ReconciliationGate(t.service, t.session, t.clock);
    await restarted.atStartup();
    expect(await t.mode()).toBe('trading');
  });

  it('halts entries when the exchange holds less than our position, and resumes once the balances agree', async () => {
    const t = setup();
    await t.positions.handle('KRW-BTC', { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId: 't-1', side: 'buy', price: '100000000', volume: '0.002', fee: '100', at: 0 } });
    await t.gate.atStartup();
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'balance_mismatch' }));

    t.exchange.balances.set('BTC', new Dec('0.002'));
    await t.gate.afterStreamGap();
    expect(await t.mode()).toBe('trading');
  });

  it('re-checks a balance-mismatch halt by itself and lifts it once the balances agree (a shortfall that was a race)', async () => {
    const t = setup();
    await t.positions.handle('KRW-BTC', { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId: 't-1', side: 'buy', price: '100000000', volume: '0.002', fee: '100', at: 0 } });
    await t.gate.atStartup();
    expect(await t.gate.recheckBalances()).toEqual(expect.objectContaining({ shortMarkets: ['KRW-BTC'] }));
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'balance_mismatch' }));

    t.exchange.balances.set('BTC', new Dec('0.002'));
    expect(await t.gate.recheckBalances()).toEqual(expect.objectContaining({ shortMarkets: [] }));
    expect(await t.mode()).toBe('trading');
    // Nothing to re-check while trading.
    expect(await t.gate.recheckBalances()).toBeNull();
  });

  it('does not resume a session someone else halted', async () => {
    const t = setup();
    await t.gate.atStartup();
    await t.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'operator', at: t.clock.now() } });
    await t.gate.afterStreamGap();
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'operator' }));
  });
});
