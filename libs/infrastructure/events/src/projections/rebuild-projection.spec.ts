import type { StreamAppend } from '../store/stream-append';
import type { DataSource } from 'typeorm';
import { tradingProjections, tradingReadModelEntities } from '../read-models/trading-read-models';
import { TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import { ProjectionSubscriber } from './projection-subscriber';
import { openReadModelDataSource } from './read-model-data-source.bootstrap';
import { rebuildProjections } from './rebuild-projection';
import { RebuildConnectionsError } from './rebuild.errors';

const tables = ['rm_orders', 'rm_positions', 'rm_daily_pnl', 'rm_strategies'] as const;
const day = 86_400_000;

/**
 * `orders` orders over 3 markets, each submitted, accepted and filled in two parts (every fifth
 * cancelled after its first fill), with the position event of each fill, spread over several days,
 * and a strategy defined and switched off: every kind of row the three read models write.
 */
function tradingLog(orders: number): StreamAppend[] {
  const appends: StreamAppend[] = [];
  const quantity = new Map<string, number>();
  const append = (streamId: string, eventId: string, type: string, data: object): void => {
    appends.push({ streamId, expectedVersion: 'any', events: [{ eventId, type, data, metadata: { correlationId: `c-${eventId.split('/')[0]}`, causationId: eventId } }] });
  };
  const strategy = { id: 's-1', name: 'trend', version: 1, enabled: true, markets: ['KRW-BTC'], timeframe: '1m' };
  append('strategy-s-1', 's-1/0', 'StrategyDefined', { definition: strategy, at: 0 });
  for (let n = 0; n < orders; n += 1) {
    const orderId = `o-${n}`;
    const market = `KRW-C${n % 3}`;
    const held = quantity.get(market) ?? 0;
    const side = held === 0 ? 'buy' : 'sell';
    const at = n * (day / 7);
    const stream = `order-${orderId}`;
    append(stream, `${orderId}/0`, 'OrderSubmitted', { orderId, market, side, orderType: 'limit', timeInForce: 'gtc', price: '1000', volume: '2', funds: null, submittedAt: at });
    append(stream, `${orderId}/1`, 'OrderAccepted', { orderId, exchangeOrderId: `x-${n}`, acceptedAt: at + 1 });
    const cancelled = n % 5 === 4;
    const parts = cancelled ? ['1'] : ['1', '2'];
    for (const [i, executed] of parts.entries()) {
      append(stream, `${orderId}/f${i}`, 'OrderFilled', {
        orderId, market, side, tradeId: `t-${n}-${i}`, price: '1000', volume: '1', funds: '1000', fee: '0.5', executedVolume: executed, executedFunds: `${Number(executed) * 1000}`, filledAt: at + 2 + i,
      });
      const after = side === 'buy' ? held + Number(executed) : held - Number(executed);
      quantity.set(market, after);
      const type = side === 'buy' ? (held === 0 && i === 0 ? 'PositionOpened' : 'PositionIncreased') : after === 0 ? 'PositionClosed' : 'PositionReduced';
      append(`position-${market}`, `${orderId}/p${i}`, type, {
        market, tradeId: `t-${n}-${i}`, side, price: '1000', volume: '1', fee: '0.5', fillRealizedPnl: side === 'sell' ? '0.1' : '0',
        quantity: `${after}`, averageEntryPrice: after === 0 ? '0' : '1000', costBasis: `${after * 1000}`, realizedPnl: `${n}.1`, fees: `${n}.5`, at: at + 2 + i,
      });
    }
    if (cancelled) {
      append(stream, `${orderId}/2`, 'OrderCancelRequested', { orderId, at: at + 5 });
      append(stream, `${orderId}/3`, 'OrderCancelled', { orderId, at: at + 6 });
    }
  }
  append('strategy-s-1', 's-1/1', 'StrategyDisabled', { strategyId: 's-1', version: 1, at: orders });
  return appends;
}

/** Every row of the read models as SQLite stores it, and every index of their tables. */
function snapshot(t: TempEventDatabase) {
  const rows = Object.fromEntries(tables.map((table) => [table, t.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).raw(true).all()]));
  const indexes = t.db.prepare(`SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'rm_%' ORDER BY name`).all() as { tbl_name: string; name: string; sql: string | null }[];
  return { rows, indexes };
}

describe('rebuilding the trading read models', () => {
  let t: TempEventDatabase;
  let dataSource: DataSource;
  let projections: ProjectionSubscriber[];
  let live: ReturnType<typeof snapshot>;
  const open = async (): Promise<void> => {
    dataSource = await openReadModelDataSource(t.db, tradingReadModelEntities);
    projections = tradingProjections().map((p) => new ProjectionSubscriber(p, t.db, () => t.clock.now()));
  };
  /** What live delivery does: each projection gets the events it takes, one transaction per event. */
  const applyLive = (from: number): void => {
    for (const event of t.store.readAll(from)) {
      for (const projection of projections) if (projection.eventTypes?.includes(event.type)) projection.applyBatch([event], event.position);
    }
  };
  beforeEach(async () => {
    t = tempEventDatabase();
    await t.store.appendBatch(tradingLog(40));
    await open();
    applyLive(1);
    live = snapshot(t);
  });
  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    t.cleanup();
  });

  it.each([
    // Batches of 7 split orders and a day's fills across transactions.
    ['batches of 7', 7],
    // One batch: 40 orders, written 32 rows per statement and then one by one.
    ['one batch', 1_000],
  ])('writes the same bytes as the live projections, and leaves the same indexes (%s)', async (_, batchSize) => {
    expect(live.rows['rm_orders']).toHaveLength(40);
    expect(live.indexes.filter((index) => index.sql !== null).map((index) => index.tbl_name)).toEqual(['rm_orders', 'rm_orders', 'rm_orders']);
    const position = t.store.lastPosition();
    expect(await rebuildProjections(projections, t.store, { batchSize })).toBe(position);
    expect(snapshot(t)).toEqual(live);
    const checkpoints = t.db.prepare(`SELECT subscriber, position FROM checkpoints WHERE subscriber LIKE 'rm-%' ORDER BY subscriber`).all();
    expect(checkpoints).toEqual(['rm-orders', 'rm-positions', 'rm-strategies'].map((subscriber) => ({ subscriber, position })));
  });

  it('has no secondary index while it refills the tables, and recreates them in the end', async () => {
    const during: number[] = [];
    const count = () => t.db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'rm_%'`).pluck().get() as number;
    await rebuildProjections(projections, t.store, { batchSize: 50, onProgress: () => during.push(count()) });
    expect(new Set(during)).toEqual(new Set([0]));
    expect(count()).toBe(3);
  });

  it('recreates the indexes when the rebuild fails, and rethrows its error', async () => {
    const failure = new Error('progress listener failed');
    await expect(
      rebuildProjections(projections, t.store, {
        batchSize: 50,
        onProgress: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(snapshot(t).indexes).toEqual(live.indexes);
  });

  it('refuses projections on different connections, before it empties anything', async () => {
    const other = tempEventDatabase();
    const otherDataSource = await openReadModelDataSource(other.db, tradingReadModelEntities);
    try {
      const [orders] = tradingProjections();
      const stranger = new ProjectionSubscriber(orders, other.db, () => other.clock.now());
      await expect(rebuildProjections([...projections, stranger], t.store)).rejects.toThrow(RebuildConnectionsError);
      expect(snapshot(t)).toEqual(live);
    } finally {
      await otherDataSource.destroy();
      other.cleanup();
    }
  });

  it('after dying midway, the next start has the indexes back and catches up to the same rows', async () => {
    // The connection closes after the first batch committed: what is on disk is what a crash leaves.
    await expect(rebuildProjections(projections, t.store, { batchSize: 50, onProgress: () => t.db.open && t.db.close() })).rejects.toThrow(AggregateError);
    await dataSource.destroy();
    t = t.reopen();
    expect(t.db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'rm_%'`).pluck().get()).toBe(0);
    const checkpoint = t.db.prepare(`SELECT position FROM checkpoints WHERE subscriber = 'rm-orders'`).pluck().get() as number;
    expect(checkpoint).toBe(50);

    await open();
    expect(snapshot(t).indexes).toEqual(live.indexes);
    applyLive(checkpoint + 1);
    expect(snapshot(t)).toEqual(live);
  });
});
