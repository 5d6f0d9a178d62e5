import { DeciderRepository, ORDER_AGGREGATE, ScannedTrackedOrders } from '@trader/application';
import type { OrderRepository } from '@trader/application';
import { orderDecider } from '@trader/domain';
import { eventually } from '@trader/runtime';
import type { DataSource } from 'typeorm';
import { CatchUpTimeoutError } from '../bus/event-bus.errors';
import { ProjectionSubscriber } from '../projections/projection-subscriber';
import { openReadModelDataSource } from '../projections/read-model-data-source.bootstrap';
import { EventBusFixture, eventBusFixture, gate } from '../test-support/event-bus-fixture';
import { ORDER_VIEWS_PROJECTION, orderViewsProjection } from './order-views.projection';
import { openOrdersSql, ReadModelTrackedOrders } from './read-model-tracked-orders';
import { tradingReadModelEntities } from './trading-read-models';

/** The order projection's subscriber, each delivery held until `hold` resolves: a read model that lags the store. */
function heldOrderViews(subscriber: ProjectionSubscriber, hold: Promise<void>, started: () => void): ProjectionSubscriber {
  const apply = subscriber.handleBatch.bind(subscriber);
  subscriber.handleBatch = async (events, checkpoint) => {
    started();
    await hold;
    await apply(events, checkpoint);
  };
  subscriber.handle = (event) => subscriber.handleBatch([event], event.position);
  return subscriber;
}

describe('open orders from the order read model', () => {
  let f: EventBusFixture;
  let dataSource: DataSource;
  let orders: OrderRepository;
  let ids = 0;

  beforeEach(async () => {
    f = eventBusFixture();
    dataSource = await openReadModelDataSource(f.t.db, tradingReadModelEntities);
    orders = new DeciderRepository({ store: f.publishing, now: () => f.t.clock.now(), newEventId: () => `e-${(ids += 1)}`, aggregateType: ORDER_AGGREGATE, decider: orderDecider });
  });
  afterEach(async () => {
    await f.close();
    await dataSource.destroy();
  });

  const subscriber = (): ProjectionSubscriber => new ProjectionSubscriber(orderViewsProjection(), f.t.db, () => f.t.clock.now());
  const register = (projection: ProjectionSubscriber = subscriber()): void => f.dispatcher.register(projection);
  const tracked = (catchUpTimeoutMs?: number): ReadModelTrackedOrders =>
    new ReadModelTrackedOrders(dataSource, f.publishing, f.dispatcher, catchUpTimeoutMs === undefined ? {} : { catchUpTimeoutMs });

  async function submit(orderId: string): Promise<void> {
    f.t.clock.advance(1_000);
    const at = f.t.clock.now();
    await orders.handle(orderId, { type: 'SubmitOrder', data: { orderId, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.01', at } });
  }
  async function accept(orderId: string): Promise<void> {
    await orders.handle(orderId, { type: 'RecordOrderAccepted', data: { exchangeOrderId: `x-${orderId}`, at: f.t.clock.now() } });
  }
  async function fill(orderId: string, volume: string): Promise<void> {
    const at = f.t.clock.now();
    await orders.handle(orderId, { type: 'RecordFill', data: { exchangeOrderId: `x-${orderId}`, tradeId: `t-${orderId}-${volume}`, price: '100000000', volume, fee: '50', at } });
  }

  /** One order in each status, submitted in this order. */
  async function ordersInEveryStatus(): Promise<void> {
    const at = (): number => f.t.clock.now();
    await submit('submitted');
    await submit('unknown');
    await orders.handle('unknown', { type: 'MarkOrderOutcomeUnknown', data: { reason: 'timeout', at: at() } });
    await submit('accepted');
    await accept('accepted');
    await submit('partially-filled');
    await accept('partially-filled');
    await fill('partially-filled', '0.004');
    await submit('pending-cancel');
    await accept('pending-cancel');
    await orders.handle('pending-cancel', { type: 'RequestOrderCancel', data: { at: at() } });
    await submit('filled');
    await accept('filled');
    await fill('filled', '0.01');
    await submit('cancelled');
    await accept('cancelled');
    await orders.handle('cancelled', { type: 'RequestOrderCancel', data: { at: at() } });
    await orders.handle('cancelled', { type: 'RecordOrderCancelled', data: { at: at() } });
    await submit('rejected');
    await orders.handle('rejected', { type: 'RecordOrderRejected', data: { reasonCode: 'insufficient_funds', message: 'no', at: at() } });
  }

  it('returns exactly the open orders, oldest first, as a scan of the whole log does', async () => {
    register();
    f.dispatcher.start();
    await ordersInEveryStatus();

    const open = await tracked().openOrderIds();

    expect(open).toEqual(['submitted', 'unknown', 'accepted', 'partially-filled', 'pending-cancel']);
    expect(open).toEqual(await new ScannedTrackedOrders(f.publishing, orders).openOrderIds());
  });

  it('finds open orders with the status index, without scanning every order', async () => {
    const plan = (await dataSource.query(`EXPLAIN QUERY PLAN ${openOrdersSql}`, ['a', 'b', 'c', 'd', 'e'])) as { detail: string }[];
    const details = plan.map((row) => row.detail);
    expect(details).toEqual([expect.stringMatching(/^SEARCH rm_orders USING (COVERING )?INDEX \S+ \(status=\?\)$/)]);
  });

  it('includes an order submitted just now: it answers only once the order projection has applied it', async () => {
    const held = gate();
    let applying = false;
    register(
      heldOrderViews(subscriber(), held.promise, () => {
        applying = true;
      }),
    );
    f.dispatcher.start();
    await submit('just-now');
    let answered = false;
    const answer = tracked().openOrderIds();
    void answer.then(() => {
      answered = true;
    });
    await eventually(() => expect(applying).toBe(true));
    expect(answered).toBe(false);

    held.open();

    expect(await answer).toEqual(['just-now']);
  });

  it('does not wait for events it does not project, even while another subscriber of its lane is busy with them', async () => {
    const busy = gate();
    f.dispatcher.register({ name: 'candle-sink', lane: 'critical-trading', eventTypes: ['CandleClosed'], handle: () => busy.promise });
    register();
    f.dispatcher.start();
    try {
      await submit('open-1');
      await f.publishing.append('candles-KRW-BTC', 'any', [1, 2, 3].map((n) => ({ eventId: `c-${n}`, type: 'CandleClosed', data: { n } })));
      await eventually(() => expect(f.checkpoints.position(ORDER_VIEWS_PROJECTION)).toBeGreaterThan(0));

      expect(await tracked(60_000).openOrderIds()).toEqual(['open-1']);
      expect(f.checkpoints.position(ORDER_VIEWS_PROJECTION)).toBeLessThan(f.publishing.lastPosition());
    } finally {
      busy.open();
    }
  });

  it('waits for the position it is asked for, and fails with a typed error when the read model does not get there in time', async () => {
    const held = gate();
    register(heldOrderViews(subscriber(), held.promise, () => undefined));
    f.dispatcher.start();
    try {
      await submit('stuck');
      const error = await tracked(50)
        .openOrderIds()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatchUpTimeoutError);
      expect(error).toMatchObject({ code: 'EVENT_BUS_CATCH_UP_TIMEOUT', subscriber: ORDER_VIEWS_PROJECTION, position: f.publishing.lastPosition(), reached: 0 });
      expect(await tracked(50).openOrderIds(0)).toEqual([]);
    } finally {
      held.open();
    }
  });

  it('after a restart, waits for the read model to catch up from its checkpoint', async () => {
    register();
    f.dispatcher.start();
    await submit('before-restart');
    await eventually(async () => expect(await tracked().openOrderIds()).toEqual(['before-restart']));
    await f.close(false);
    await dataSource.destroy();

    const reopened = f.t.reopen();
    f = eventBusFixture({}, reopened);
    dataSource = await openReadModelDataSource(f.t.db, tradingReadModelEntities);
    orders = new DeciderRepository({ store: f.publishing, now: () => f.t.clock.now(), newEventId: () => `e-${(ids += 1)}`, aggregateType: ORDER_AGGREGATE, decider: orderDecider });
    await submit('while-down');
    await accept('before-restart');
    await fill('before-restart', '0.01');
    register();
    f.dispatcher.start();

    expect(await tracked().openOrderIds()).toEqual(['while-down']);
  });
});
