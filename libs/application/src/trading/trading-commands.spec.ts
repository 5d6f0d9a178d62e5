import { CancelAllOrders } from '../orders/cancel-all-orders/cancel-all-orders.command';
import { CancelAllOrdersHandler } from '../orders/cancel-all-orders/cancel-all-orders.handler';
import { ScannedTrackedOrders } from '../orders/tracked-orders';
import { PlaceOrder } from '../orders/place-order/place-order.command';
import { PlaceOrderHandler } from '../orders/place-order/place-order.handler';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { EngageKillSwitch } from './engage-kill-switch/engage-kill-switch.command';
import { EngageKillSwitchHandler } from './engage-kill-switch/engage-kill-switch.handler';
import { HaltTrading } from './halt-trading/halt-trading.command';
import { HaltTradingHandler } from './halt-trading/halt-trading.handler';
import { ReleaseKillSwitch } from './release-kill-switch/release-kill-switch.command';
import { ReleaseKillSwitchHandler } from './release-kill-switch/release-kill-switch.handler';
import { RequestConfigChange } from './request-config-change/request-config-change.command';
import { RequestConfigChangeHandler } from './request-config-change/request-config-change.handler';
import { ResumeTrading } from './resume-trading/resume-trading.command';
import { ResumeTradingHandler } from './resume-trading/resume-trading.handler';
import { TradingGuard } from './trading-guard';
import { RISK_ID, SESSION_ID } from './trading-repositories';

async function setup() {
  const r = inMemoryRepositories();
  await r.startTrading();
  const guard = new TradingGuard(r.orders, r.session, r.risk, r.clock);
  let cursor = 0;
  const pump = async (): Promise<void> => {
    for (let batch = [...r.store.readAll(cursor + 1)]; batch.length > 0; batch = [...r.store.readAll(cursor + 1)]) {
      for (const event of batch) {
        cursor = event.position;
        await guard.handle(event);
      }
    }
  };
  return {
    ...r,
    pump,
    place: new PlaceOrderHandler(r.orders, r.session, r.risk, r.clock, r.store),
    halt: new HaltTradingHandler(r.session, r.clock),
    resume: new ResumeTradingHandler(r.session, r.risk, r.clock),
    kill: new EngageKillSwitchHandler(r.risk, r.session, r.orders, new ScannedTrackedOrders(r.store, r.orders), r.clock),
    config: new RequestConfigChangeHandler(r.session, r.clock),
    cancelAll: new CancelAllOrdersHandler(r.orders, new ScannedTrackedOrders(r.store, r.orders), r.clock),
  };
}

const buy = (orderId: string): PlaceOrder => new PlaceOrder(orderId, { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '90000000', volume: '0.001' });

describe('trading commands', () => {
  it('halts and resumes the session, entries denied in between', async () => {
    const t = await setup();
    await t.halt.execute(new HaltTrading('operator pause'));
    expect(await t.place.execute(buy('o-1'))).toHaveProperty('status', 'denied');
    await t.resume.execute(new ResumeTrading());
    expect(await t.place.execute(buy('o-2'))).toHaveProperty('status', 'submitted');
  });

  it('clears a risk halt when the operator resumes', async () => {
    const t = await setup();
    await t.risk.handle(RISK_ID, { type: 'RecordRealizedPnl', data: { amount: '-2000000', filledAt: t.clock.now(), at: t.clock.now() } });
    await t.pump();
    expect((await t.session.load(SESSION_ID)).state.mode).toBe('halted');
    await t.resume.execute(new ResumeTrading());
    expect((await t.risk.load(RISK_ID)).state.haltReason).toBeNull();
    expect(await t.place.execute(buy('o-3'))).toHaveProperty('status', 'submitted');
  });

  it('kill switch: cancels working orders, cancels orders accepted later, and denies everything new', async () => {
    const t = await setup();
    await t.place.execute(buy('working'));
    await t.orders.handle('working', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-w', at: t.clock.now() } });
    await t.place.execute(buy('in-flight'));

    const result = await t.kill.execute(new EngageKillSwitch('operator'));
    expect(result).toEqual({ cancelRequested: ['working'], cancelWhenAccepted: ['in-flight'] });
    expect(t.types('order-working')).toContain('OrderCancelRequested');

    await t.orders.handle('in-flight', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-f', at: t.clock.now() } });
    await t.pump();
    expect(t.types('order-in-flight')).toContain('OrderCancelRequested');

    const exit = new PlaceOrder('exit', { market: 'KRW-BTC', side: 'sell', orderType: 'market', volume: '0.001', referencePrice: '90000000' });
    expect(await t.place.execute(exit)).toEqual(expect.objectContaining({ status: 'denied', deniedBy: 'risk', reasonCode: 'kill_switch_engaged' }));
  });

  it('refuses to resume while the kill switch is engaged, storing nothing; after its release, resume trades again', async () => {
    const t = await setup();
    await t.kill.execute(new EngageKillSwitch('operator'));
    const before = t.store.lastPosition();
    await expect(t.resume.execute(new ResumeTrading())).rejects.toEqual(expect.objectContaining({ code: 'illegal_resume_while_kill_switch_engaged' }));
    expect(t.store.lastPosition()).toBe(before);
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'kill_switch' }));
    await new ReleaseKillSwitchHandler(t.risk, t.clock).execute(new ReleaseKillSwitch());
    await t.resume.execute(new ResumeTrading());
    expect((await t.session.load(SESSION_ID)).state.mode).toBe('trading');
    expect(await t.place.execute(buy('after-release'))).toHaveProperty('status', 'submitted');
  });

  it('kill switch with a command id: halts the session and cancels every working order; a retry with the same id changes nothing', async () => {
    const t = await setup();
    for (const orderId of ['w-1', 'w-2']) {
      await t.place.execute(buy(orderId));
      await t.orders.handle(orderId, { type: 'RecordOrderAccepted', data: { exchangeOrderId: `uuid-${orderId}`, at: t.clock.now() } });
    }
    const engage = new EngageKillSwitch('operator', { commandId: 'kill-1', correlationId: 'kill-1' });

    expect(await t.kill.execute(engage)).toEqual({ cancelRequested: ['w-1', 'w-2'], cancelWhenAccepted: [] });
    expect((await t.risk.load(RISK_ID)).state.killSwitchEngaged).toBe(true);
    expect((await t.session.load(SESSION_ID)).state.mode).toBe('halted');
    expect(t.types('order-w-1')).toContain('OrderCancelRequested');
    expect(t.types('order-w-2')).toContain('OrderCancelRequested');
    const cancels = t.store.all().filter((e) => e.type === 'OrderCancelRequested');
    expect(cancels.map((e) => e.metadata.correlationId)).toEqual(['kill-1', 'kill-1']);

    const stored = t.store.all().length;
    await t.kill.execute(engage);
    expect(t.store.all().length).toBe(stored);
  });

  it('defers a config change while an order is in flight and applies it when the order closes', async () => {
    const t = await setup();
    await t.place.execute(buy('o-4'));
    expect(await t.config.execute(new RequestConfigChange('c-1', 'maxSpread', 0.01, false))).toBe('deferred');
    expect(await t.config.execute(new RequestConfigChange('c-2', 'maxSpread', 0.02, true))).toBe('refused');

    await t.orders.handle('o-4', { type: 'RecordOrderRejected', data: { reasonCode: 'insufficient_funds', message: 'no', at: t.clock.now() } });
    await t.pump();
    expect((await t.session.load(SESSION_ID)).state.config).toEqual({ maxSpread: 0.01 });
    expect(t.types('session-main').slice(-2)).toEqual(['SessionOrderEnded', 'ConfigChangeApplied']);
  });

  it('cancels every working order of a market, leaving other markets and unaccepted orders alone', async () => {
    const t = await setup();
    const accept = (orderId: string): Promise<unknown> => t.orders.handle(orderId, { type: 'RecordOrderAccepted', data: { exchangeOrderId: `uuid-${orderId}`, at: t.clock.now() } });
    await t.place.execute(buy('btc-working'));
    await accept('btc-working');
    await t.place.execute(buy('btc-in-flight'));
    await t.place.execute(new PlaceOrder('eth-working', { market: 'KRW-ETH', side: 'buy', orderType: 'limit', price: '5000000', volume: '0.01' }));
    await accept('eth-working');

    expect(await t.cancelAll.execute(new CancelAllOrders('KRW-BTC'))).toEqual(['btc-working']);
    expect(t.types('order-eth-working')).not.toContain('OrderCancelRequested');
    expect(await t.cancelAll.execute(new CancelAllOrders())).toEqual(['eth-working']);
  });

  it('cancels every working order under one command id, each with its own events', async () => {
    const t = await setup();
    for (const orderId of ['a', 'b']) {
      await t.place.execute(buy(orderId));
      await t.orders.handle(orderId, { type: 'RecordOrderAccepted', data: { exchangeOrderId: `uuid-${orderId}`, at: t.clock.now() } });
    }
    expect(await t.cancelAll.execute(new CancelAllOrders(undefined, { commandId: 'cancel-all-1' }))).toEqual(['a', 'b']);
    expect(t.types('order-a').at(-1)).toBe('OrderCancelRequested');
    expect(t.types('order-b').at(-1)).toBe('OrderCancelRequested');
  });
});
