import { Decimal } from 'decimal.js';
import { ScannedTrackedOrders } from '../orders/tracked-orders';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { ScriptedExchangeGateway } from '../testing/scripted-exchange-gateway';
import { SESSION_ID } from '../trading/trading-repositories';
import { ReconciliationGate } from './reconciliation-gate';
import { ReconciliationService } from './reconciliation.service';

function setup() {
  const r = inMemoryRepositories();
  const exchange = new ScriptedExchangeGateway(() => r.clock.now());
  const service = new ReconciliationService(r.store, r.orders, r.positions, new ScannedTrackedOrders(r.store, r.orders), exchange, r.clock, r.ids, ['KRW-BTC'], async () => undefined);
  const gate = new ReconciliationGate(service, r.session, r.clock);
  const mode = async (): Promise<string> => (await r.session.load(SESSION_ID)).state.mode;
  return { ...r, exchange, gate, mode };
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
    t.exchange.balances.set('KRW', new Decimal(1));
    await t.gate.atStartup();
    await t.gate.afterStreamGap();
    expect(t.types('session-main')).toEqual(['TradingStarted', 'TradingHalted', 'TradingResumed']);
    expect(await t.mode()).toBe('trading');
  });

  it('does not resume a session someone else halted', async () => {
    const t = setup();
    await t.gate.atStartup();
    await t.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'operator', at: t.clock.now() } });
    await t.gate.afterStreamGap();
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'operator' }));
  });
});
