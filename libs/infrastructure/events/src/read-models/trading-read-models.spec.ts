import {
  aggregatePnl,
  DeciderRepository,
  defaultOrderExecutionOptions,
  DefineStrategy,
  DefineStrategyHandler,
  DisableStrategy,
  DisableStrategyHandler,
  STRATEGY_AGGREGATE,
  OrderExecutionSaga,
  ORDER_AGGREGATE,
  PlaceOrder,
  PlaceOrderHandler,
  POSITION_AGGREGATE,
  PositionKeeper,
  RISK_AGGREGATE,
  RISK_ID,
  SESSION_AGGREGATE,
  SESSION_ID,
  StoredEvent,
  TradingGuard,
} from '@trader/application';
import { PaperExchange } from '@trader/application/testing';
import { basicSevenRulesStrategy, Dec, orderDecider, positionDecider, riskPolicyDecider, strategyDecider, tradingSessionDecider } from '@trader/domain';
import { eventually } from '@trader/runtime';
import type { DataSource } from 'typeorm';
import { Lane } from '../bus/lane';
import { ProjectionSubscriber } from '../projections/projection-subscriber';
import { openReadModelDataSource } from '../projections/read-model-data-source.bootstrap';
import { rebuildProjections } from '../projections/rebuild-projection';
import { EventBusFixture, eventBusFixture } from '../test-support/event-bus-fixture';
import { SqliteTradingReadModels } from './sqlite-trading-read-models';
import { tradingProjections, tradingReadModelEntities } from './trading-read-models';

/** A handler of the application as a lane subscriber (what the app's wiring does). */
function subscriber(name: string, lane: Lane, eventTypes: readonly string[], handle: (event: StoredEvent) => Promise<void>) {
  return { name, lane, eventTypes, handle };
}

describe('trading read models over the real event store and lanes', () => {
  let f: EventBusFixture;
  let dataSource: DataSource;
  let projections: ProjectionSubscriber[];
  beforeEach(async () => {
    f = eventBusFixture();
    dataSource = await openReadModelDataSource(f.t.db, tradingReadModelEntities);
    projections = tradingProjections().map((p) => new ProjectionSubscriber(p, f.t.db, () => f.t.clock.now()));
  });
  afterEach(async () => {
    await f.close();
    await dataSource.destroy();
  });

  it('lists orders, positions and daily PnL of a round trip, and a rebuild gives the same read models', async () => {
    const clock = f.t.clock;
    let ids = 0;
    const common = { store: f.publishing, now: () => clock.now(), newEventId: () => `e-${(ids += 1)}` };
    const orders = new DeciderRepository({ ...common, aggregateType: ORDER_AGGREGATE, decider: orderDecider, appendOptions: { durability: 'full' } });
    const positions = new DeciderRepository({ ...common, aggregateType: POSITION_AGGREGATE, decider: positionDecider });
    const session = new DeciderRepository({ ...common, aggregateType: SESSION_AGGREGATE, decider: tradingSessionDecider });
    const risk = new DeciderRepository({ ...common, aggregateType: RISK_AGGREGATE, decider: riskPolicyDecider });
    let last = new Dec('100000000');
    const exchange = new PaperExchange(
      {
        latest: (market) => ({
          kind: 'orderbook',
          market,
          totalAskSize: new Dec(1),
          totalBidSize: new Dec(1),
          units: [{ askPrice: last, askSize: new Dec(1), bidPrice: last, bidSize: new Dec(1) }],
          timestamp: 0,
          streamType: 'REALTIME',
        }),
      },
      { balances: { KRW: '10000000' }, now: () => clock.now(), ids: { next: () => `x-${(ids += 1)}` } },
    );
    const saga = new OrderExecutionSaga(orders, f.publishing, exchange, clock, async () => undefined, {
      ...defaultOrderExecutionOptions,
      lookupAttempts: 1,
      lookupIntervalMs: 0,
      startedAfterPosition: 0,
    });
    const workers = new AbortController();
    const loops: Promise<void>[] = [];
    saga.start((_name, body) => loops.push(body(workers.signal)));
    const keeper = new PositionKeeper(positions);
    const guard = new TradingGuard(orders, session, risk, clock);
    f.dispatcher.register(subscriber(saga.name, 'critical-trading', saga.eventTypes, (e) => saga.handle(e)));
    f.dispatcher.register(subscriber(keeper.name, 'critical-trading', keeper.eventTypes, (e) => keeper.handle(e)));
    f.dispatcher.register(subscriber(guard.name, 'high-safety', guard.eventTypes, (e) => guard.handle(e)));
    for (const projection of projections) f.dispatcher.register(projection);
    f.dispatcher.start();

    const at = clock.now();
    const limits = {
      quoteCurrency: 'KRW' as const,
      maxNotionalPerOrder: '5000000',
      maxPositionPerMarket: '5000000',
      maxOpenOrders: 5,
      orderRate: { maxOrders: 10, perMs: 1_000 },
      maxDailyLoss: '1000000',
      maxDrawdownPercent: '50',
    };
    await risk.handle(RISK_ID, { type: 'ConfigureRiskLimits', data: { limits, at } });
    await session.handle(SESSION_ID, { type: 'StartTrading', data: { at } });
    const place = new PlaceOrderHandler(orders, session, risk, clock, f.publishing);
    const readModels = new SqliteTradingReadModels(dataSource);

    await place.execute(new PlaceOrder('buy-1', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.01' }));
    await eventually(async () => expect((await readModels.positions())[0]?.quantity).toBe('0.01'));
    last = new Dec('102000000');
    await place.execute(new PlaceOrder('sell-1', { market: 'KRW-BTC', side: 'sell', orderType: 'market', volume: '0.01', referencePrice: '102000000' }));
    await eventually(async () => expect((await readModels.positions())[0]?.quantity).toBe('0'));
    await eventually(async () => expect(await readModels.orders({ openOnly: true })).toEqual([]));

    const listed = await readModels.orders({});
    expect(listed.map((o) => [o.orderId, o.status, o.executedVolume])).toEqual([
      ['sell-1', 'filled', '0.01'],
      ['buy-1', 'filled', '0.01'],
    ]);
    expect(listed[1]?.paidFee).toBe('500');
    const [position] = await readModels.positions();
    expect(position).toEqual(expect.objectContaining({ market: 'KRW-BTC', realizedPnl: '20000', fees: '1010' }));
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    expect(await readModels.dailyPnl(day, day)).toEqual([{ day, realizedPnl: '20000', fees: '1010', fills: 2 }]);

    const before = { orders: await readModels.orders({}), positions: await readModels.positions(), pnl: await readModels.dailyPnl(day, day) };
    workers.abort();
    await Promise.all(loops);
    await f.dispatcher.stop();
    // One pass for the three, in batches small enough to split an order's events across transactions.
    await rebuildProjections(projections, f.t.store, { batchSize: 3 });
    expect({ orders: await readModels.orders({}), positions: await readModels.positions(), pnl: await readModels.dailyPnl(day, day) }).toEqual(before);
  });

  it("keeps a day's realized PnL as exact as the position's when a partial sell realises more than 20 digits", async () => {
    for (const projection of projections) f.dispatcher.register(projection);
    f.dispatcher.start();
    const clock = f.t.clock;
    let ids = 0;
    const positions = new DeciderRepository({ store: f.publishing, now: () => clock.now(), newEventId: () => `p-${(ids += 1)}`, aggregateType: POSITION_AGGREGATE, decider: positionDecider });
    const fill = (tradeId: string, side: string, price: string, volume: string) =>
      positions.handle('KRW-BTC', { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId, side, price, volume, fee: '0', at: clock.now() } });
    // 0.01048576 BTC is 2^20 satoshi: the average entry price has a finite expansion, and the cost of
    // the volume sold, so the realised PnL, takes 23 significant digits.
    await fill('t-1', 'buy', '95123000', '0.00123456');
    await fill('t-2', 'buy', '96456000', '0.0092512');
    await fill('t-3', 'sell', '97000000', '0.00333333');
    const readModels = new SqliteTradingReadModels(dataSource);
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    await eventually(async () => expect(await readModels.dailyPnl(day, day)).toEqual([expect.objectContaining({ fills: 3 })]));

    const [position] = await readModels.positions();
    expect(position?.realizedPnl).toBe('2336.4749177545166015625');
    expect(await readModels.dailyPnl(day, day)).toEqual([{ day, realizedPnl: '2336.4749177545166015625', fees: '0', fills: 3 }]);
    expect(aggregatePnl(await readModels.dailyPnl(day, day), 'month')).toEqual([
      { period: day.slice(0, 7), realizedPnl: '2336.4749177545166015625', fees: '0', netPnl: '2336.4749177545166015625', fills: 3 },
    ]);
  });

  it('lists strategies with their version, markets and whether they run', async () => {
    for (const projection of projections) f.dispatcher.register(projection);
    f.dispatcher.start();
    const strategies = new DeciderRepository({ store: f.publishing, now: () => f.t.clock.now(), newEventId: () => 's-1', aggregateType: STRATEGY_AGGREGATE, decider: strategyDecider });
    await new DefineStrategyHandler(strategies, f.t.clock).execute(new DefineStrategy(basicSevenRulesStrategy()));
    await new DisableStrategyHandler(strategies, f.t.clock).execute(new DisableStrategy('basic-seven-rules', { commandId: 'disable-1' }));
    const readModels = new SqliteTradingReadModels(dataSource);
    await eventually(async () =>
      expect(await readModels.strategies()).toEqual([
        expect.objectContaining({ strategyId: 'basic-seven-rules', version: basicSevenRulesStrategy().version, enabled: false, markets: ['KRW-BTC'], timeframe: '1m' }),
      ]),
    );
  });

  it('shows an order we had taken for rejected as working again once the exchange showed it, then its fills', async () => {
    for (const projection of projections) f.dispatcher.register(projection);
    f.dispatcher.start();
    const orders = new DeciderRepository({ store: f.publishing, now: () => f.t.clock.now(), newEventId: () => `o-${Math.random()}`, aggregateType: ORDER_AGGREGATE, decider: orderDecider });
    const at = f.t.clock.now();
    await orders.handle('c-1', { type: 'SubmitOrder', data: { orderId: 'c-1', market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.01', at } });
    await orders.handle('c-1', { type: 'RecordOrderRejected', data: { reasonCode: 'not_found_at_reconciliation', message: 'raced the POST', at } });
    await orders.handle('c-1', { type: 'CorrectOrderState', data: { exchangeOrderId: 'uuid-c-1', exchangeState: 'wait', evidence: 'private stream', at } });
    await orders.handle('c-1', { type: 'RecordFill', data: { exchangeOrderId: 'uuid-c-1', tradeId: 't-1', price: '100000000', volume: '0.004', fee: '200', at } });
    const readModels = new SqliteTradingReadModels(dataSource);
    await eventually(async () =>
      expect(await readModels.orders({ openOnly: true })).toEqual([
        expect.objectContaining({ orderId: 'c-1', status: 'partially_filled', exchangeOrderId: 'uuid-c-1', executedVolume: '0.004' }),
      ]),
    );
  });
});
