import { basicSevenRulesStrategy, tradingDay } from '@trader/domain';
import type { RiskLimits } from '@trader/domain';
import { PlaceOrder } from '../orders/place-order/place-order.command';
import { PlaceOrderHandler } from '../orders/place-order/place-order.handler';
import { PositionKeeper } from '../positions/position-keeper';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { TradingGuard } from './trading-guard';
import { RISK_ID, SESSION_ID } from './trading-repositories';

async function setup(limits: Partial<RiskLimits> = {}) {
  const repos = inMemoryRepositories();
  await repos.startTrading({ maxDailyLoss: '10000', ...limits });
  const place = new PlaceOrderHandler(repos.orders, repos.session, repos.risk, repos.clock, repos.store);
  const subscribers = [new PositionKeeper(repos.positions), new TradingGuard(repos.orders, repos.session, repos.risk, repos.clock)];
  let cursor = 0;
  const pump = async (): Promise<void> => {
    for (let batch = [...repos.store.readAll(cursor + 1)]; batch.length > 0; batch = [...repos.store.readAll(cursor + 1)]) {
      for (const event of batch) {
        cursor = event.position;
        for (const subscriber of subscribers) await subscriber.handle(event);
      }
    }
  };
  /** An order that filled completely at `price`, as the execution saga would record it. */
  const filled = async (orderId: string, side: 'buy' | 'sell', price: string, options: { filledAt?: number; pump?: boolean } = {}): Promise<void> => {
    const terms = side === 'buy' ? { side, orderType: 'limit', price, volume: '0.01' } : { side, orderType: 'market', volume: '0.01', referencePrice: price };
    expect(await place.execute(new PlaceOrder(orderId, { market: 'KRW-BTC', ...terms }))).toHaveProperty('status', 'submitted');
    await repos.orders.handle(orderId, { type: 'RecordOrderAccepted', data: { exchangeOrderId: `uuid-${orderId}`, at: repos.clock.now() } });
    await repos.orders.handle(orderId, {
      type: 'RecordFill',
      data: { exchangeOrderId: `uuid-${orderId}`, tradeId: `t-${orderId}`, price, volume: '0.01', fee: '0', at: options.filledAt ?? repos.clock.now() },
    });
    if (options.pump ?? true) await pump();
  };
  return { ...repos, place, pump, filled };
}

describe('TradingGuard', () => {
  it('frees the session and risk slots of an order once it is closed', async () => {
    const t = await setup();
    await t.place.execute(new PlaceOrder('o-1', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' }));
    expect((await t.session.load(SESSION_ID)).state.ordersInFlight).toEqual(['o-1']);
    await t.orders.handle('o-1', { type: 'RecordOrderRejected', data: { reasonCode: 'insufficient_funds', message: 'no', at: t.clock.now() } });
    await t.pump();
    expect((await t.session.load(SESSION_ID)).state.ordersInFlight).toEqual([]);
    expect((await t.risk.load(RISK_ID)).state.openOrders).toEqual([]);
  });

  it('records exposure and realised PnL, and halts the session when the daily loss limit is hit', async () => {
    const t = await setup();
    await t.filled('buy-1', 'buy', '100000000');
    expect((await t.risk.load(RISK_ID)).state.exposure['KRW-BTC']?.toFixed()).toBe('1000000');

    // Selling 0.01 BTC 2% lower loses 20,000 KRW, over the 10,000 KRW daily limit.
    await t.filled('sell-1', 'sell', '98000000');
    expect(t.types('risk-main')).toEqual(expect.arrayContaining(['RealizedPnlRecorded', 'DailyLossLimitBreached', 'RiskHaltTriggered']));
    expect((await t.session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'max_daily_loss' }));
    expect((await t.risk.load(RISK_ID)).state.exposure['KRW-BTC']?.toFixed()).toBe('0');

    const denied = await t.place.execute(new PlaceOrder('buy-2', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '98000000', volume: '0.001' }));
    expect(denied).toEqual(expect.objectContaining({ status: 'denied', deniedBy: 'session', reasonCode: 'session_halted' }));
  });

  it('records a closed trade with its net profit and exit reason, and its cooldown denies the next entry there', async () => {
    const t = await setup({ maxDailyLoss: '100000000' });
    await t.risk.handle(RISK_ID, { type: 'ConfigureProtections', data: { protections: { cooldown: { periodMs: 60_000 } }, at: t.clock.now() } });
    await t.filled('buy-1', 'buy', '100000000');
    const sell = new PlaceOrder('sell-1', { market: 'KRW-BTC', side: 'sell', orderType: 'market', volume: '0.01', referencePrice: '98000000' }, {}, 'exit', 'stop_loss');
    expect(await t.place.execute(sell)).toHaveProperty('status', 'submitted');
    await t.orders.handle('sell-1', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-sell-1', at: t.clock.now() } });
    await t.orders.handle('sell-1', { type: 'RecordFill', data: { exchangeOrderId: 'uuid-sell-1', tradeId: 't-sell-1', price: '98000000', volume: '0.01', fee: '490', at: t.clock.now() } });
    await t.pump();

    const closed = [...t.store.readStream('risk-main')].filter((e) => e.type === 'TradeClosedRecorded' || e.type === 'EntriesLocked').map((e) => e.data);
    expect(closed).toEqual([
      { market: 'KRW-BTC', profit: '-20490', profitPercent: '-2.049', exitReason: 'stop_loss', closedAt: t.clock.now(), at: t.clock.now() },
      expect.objectContaining({ scope: 'market', market: 'KRW-BTC', protection: 'cooldown', until: t.clock.now() + 60_000 }),
    ]);
    const entry = (id: string) => new PlaceOrder(id, { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '98000000', volume: '0.001' });
    expect(await t.place.execute(entry('buy-2'))).toEqual(expect.objectContaining({ status: 'denied', deniedBy: 'risk', reasonCode: 'protection_cooldown' }));
    t.clock.set(t.clock.now() + 60_000);
    expect(await t.place.execute(entry('buy-3'))).toHaveProperty('status', 'submitted');
    expect(t.types('risk-main')).toContain('EntriesUnlocked');
  });

  it("configures a strategy's protections block when the strategy is defined, once", async () => {
    const t = await setup();
    const protections = { stoplossGuard: { tradeLimit: 2, lookbackMs: 3_600_000, lockMs: 1_800_000, scope: 'global' as const } };
    const definition = { ...basicSevenRulesStrategy(), protections };
    await t.strategies.handle(definition.id, { type: 'DefineStrategy', data: { definition, at: t.clock.now() } });
    await t.pump();
    expect((await t.risk.load(RISK_ID)).state.protections).toEqual(protections);
    await t.strategies.handle(definition.id, { type: 'ReviseStrategy', data: { definition: { ...definition, version: definition.version + 1 }, openMarkets: [], at: t.clock.now() } });
    await t.pump();
    expect(t.types('risk-main').filter((type) => type === 'ProtectionsConfigured')).toHaveLength(1);
  });

  it('counts realised PnL against the day of the fill when it is handled a day later', async () => {
    const t = await setup();
    const yesterday = t.clock.now();
    await t.filled('buy-1', 'buy', '100000000');
    // The sell filled yesterday; the trader was down and handles it only the next day. Its 20,000 KRW
    // loss is over yesterday's 10,000 KRW limit, but yesterday is over: today must not halt for it.
    await t.filled('sell-1', 'sell', '98000000', { filledAt: yesterday, pump: false });
    t.clock.set(yesterday + 24 * 3_600_000);
    await t.pump();

    const { state } = await t.risk.load(RISK_ID);
    expect({ day: state.day, dailyRealizedPnl: state.dailyRealizedPnl.toFixed() }).toEqual({ day: tradingDay(yesterday), dailyRealizedPnl: '-20000' });
    expect(t.types('risk-main')).not.toContain('RiskHaltTriggered');
    expect((await t.session.load(SESSION_ID)).state.mode).toBe('trading');
  });

  it('counts a buy against the position cap from its approval until it is filled and in the position', async () => {
    const t = await setup({ maxPositionPerMarket: '2000000' });
    const buy = (orderId: string) => t.place.execute(new PlaceOrder(orderId, { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.01' }));
    expect(await buy('buy-1')).toHaveProperty('status', 'submitted');
    expect(await buy('buy-2')).toHaveProperty('status', 'submitted');
    expect(await buy('buy-3')).toEqual(expect.objectContaining({ status: 'denied', deniedBy: 'risk', reasonCode: 'max_position_per_market' }));

    // buy-1 fills: 1M is held, and buy-2 may still spend 1M.
    await t.orders.handle('buy-1', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-buy-1', at: t.clock.now() } });
    await t.orders.handle('buy-1', { type: 'RecordFill', data: { exchangeOrderId: 'uuid-buy-1', tradeId: 't-1', price: '100000000', volume: '0.01', fee: '0', at: t.clock.now() } });
    await t.pump();
    expect((await t.risk.load(RISK_ID)).state.exposure['KRW-BTC']?.toFixed()).toBe('1000000');
    expect(await buy('buy-4')).toEqual(expect.objectContaining({ status: 'denied', reasonCode: 'max_position_per_market' }));

    // buy-2 is cancelled unfilled: its part is released.
    await t.orders.handle('buy-2', { type: 'RecordOrderAccepted', data: { exchangeOrderId: 'uuid-buy-2', at: t.clock.now() } });
    await t.orders.handle('buy-2', { type: 'RecordOrderCancelled', data: { at: t.clock.now() } });
    await t.pump();
    expect(await buy('buy-5')).toHaveProperty('status', 'submitted');
  });
});
