import { DeciderRepository, ORDER_AGGREGATE, RISK_AGGREGATE, RISK_ID, SESSION_AGGREGATE, SESSION_ID } from '@trader/application';
import type { NewEvent } from '@trader/application';
import { EventStoreRuntime, ORDER_VIEWS_PROJECTION, orderViewsProjection, tradingReadModelEntities } from '@trader/events';
import type { StreamAppend } from '@trader/events';
import { orderDecider, riskPolicyDecider, tradingSessionDecider } from '@trader/domain';
import type { OrderCommand, OrderEvent, OrderState } from '@trader/domain';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** How big the store is and how many of its orders are still working. */
export interface StoreShape {
  readonly events: number;
  readonly orders: number;
  readonly open: number;
}

const eventsPerTransaction = 10_000;
const fillerTypes = ['MarketTradeRecorded', 'CandleClosed', 'StrategyEvaluated'] as const;

export const benchLimits = {
  quoteCurrency: 'KRW' as const,
  maxNotionalPerOrder: '1000000000',
  maxPositionPerMarket: '1000000000',
  maxOpenOrders: 1_000_000,
  orderRate: { maxOrders: 1_000_000, perMs: 1_000 },
  maxDailyLoss: '1000000000',
  maxDrawdownPercent: '100',
};

export const orderIdOf = (n: number): string => `0b5e1c2a-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * The events of one order, decided by the real order decider: every `open`-th order is left accepted
 * (working), the others end filled (80%), cancelled (15%) or rejected (5%).
 */
function orderEvents(n: number, shape: StoreShape, at: number): OrderEvent[] {
  const orderId = orderIdOf(n);
  const openEvery = Math.floor(shape.orders / shape.open);
  const fate = n % openEvery === 0 && n / openEvery < shape.open ? 'open' : ['filled', 'filled', 'filled', 'filled', 'filled', 'filled', 'filled', 'filled', 'cancelled', 'cancelled', 'cancelled', 'rejected'][n % 12];
  let state: OrderState = orderDecider.initialState();
  const out: OrderEvent[] = [];
  const run = (command: OrderCommand): void => {
    for (const event of orderDecider.decide(command, state)) {
      state = orderDecider.evolve(state, event);
      out.push(event);
    }
  };
  run({ type: 'SubmitOrder', data: { orderId, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '90000000', volume: '0.001', at } });
  if (fate === 'rejected') {
    run({ type: 'RecordOrderRejected', data: { reasonCode: 'insufficient_funds', message: 'bench', at } });
    return out;
  }
  run({ type: 'RecordOrderAccepted', data: { exchangeOrderId: `x-${n}`, at } });
  if (fate === 'filled') run({ type: 'RecordFill', data: { exchangeOrderId: `x-${n}`, tradeId: `t-${n}`, price: '90000000', volume: '0.001', fee: '45', at } });
  if (fate === 'cancelled') {
    run({ type: 'RequestOrderCancel', data: { at } });
    run({ type: 'RecordOrderCancelled', data: { at } });
  }
  return out;
}

/** A trade, candle or strategy event of about the size the trader writes. */
function filler(n: number): NewEvent {
  return {
    eventId: `f-${n}`,
    type: fillerTypes[n % fillerTypes.length],
    data: { market: 'KRW-BTC', price: '90012000', volume: '0.00512345', sequentialId: n, timestamp: 1_700_000_000_000 + n },
  };
}

/**
 * Writes the store: risk limits and a trading session, then the orders with the market and strategy
 * events between them, in transactions of `eventsPerTransaction` events; then rebuilds the order read
 * model, so its checkpoint is at the end of the log.
 */
async function build(path: string, shape: StoreShape): Promise<void> {
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path, clock, tasks, readModelEntities: [...tradingReadModelEntities] });
  try {
    let ids = 0;
    const common = { store: runtime.publishing, now: () => clock.now(), newEventId: () => `setup-${(ids += 1)}` };
    const at = clock.now();
    await new DeciderRepository({ ...common, aggregateType: RISK_AGGREGATE, decider: riskPolicyDecider }).handle(RISK_ID, { type: 'ConfigureRiskLimits', data: { limits: benchLimits, at } });
    await new DeciderRepository({ ...common, aggregateType: SESSION_AGGREGATE, decider: tradingSessionDecider }).handle(SESSION_ID, { type: 'StartTrading', data: { at } });

    let written = runtime.store.lastPosition();
    let fillers = 0;
    let batch: StreamAppend[] = [];
    let batchSize = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await runtime.store.appendBatch(batch);
      written += batchSize;
      batch = [];
      batchSize = 0;
    };
    const orderEventCount = Array.from({ length: shape.orders }, (_, n) => orderEvents(n, shape, at).length).reduce((a, b) => a + b, 0);
    const fillerPerOrder = (shape.events - written - orderEventCount) / shape.orders;
    for (let n = 0; n < shape.orders; n += 1) {
      const events = orderEvents(n, shape, at).map((event, index): NewEvent => ({ eventId: `${orderIdOf(n)}/${index}`, type: event.type, data: event.data, metadata: { correlationId: orderIdOf(n) } }));
      batch.push({ streamId: `${ORDER_AGGREGATE}-${orderIdOf(n)}`, expectedVersion: 'no_stream', events });
      batchSize += events.length;
      const due = Math.round((n + 1) * fillerPerOrder) - fillers;
      const market: NewEvent[] = Array.from({ length: Math.max(0, due) }, () => filler((fillers += 1)));
      if (market.length > 0) batch.push({ streamId: `market-KRW-BTC-${Math.floor(fillers / 100_000)}`, expectedVersion: 'any', events: market });
      batchSize += market.length;
      if (batchSize >= eventsPerTransaction) await flush();
    }
    await flush();
    await runtime.addProjection(orderViewsProjection());
    await runtime.rebuild(ORDER_VIEWS_PROJECTION, undefined, { batchSize: eventsPerTransaction });
    process.stderr.write(`built ${written} events (${shape.orders} orders, ${shape.open} open) in ${path}\n`);
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
  }
}

/**
 * The store file for `shape`, built once and kept under tmp/ (building a million events takes a while);
 * each run works on a copy, so the cached file stays as built.
 */
export async function cachedStore(shape: StoreShape): Promise<string> {
  const dir = join(process.cwd(), 'tmp', 'bench-kill-switch');
  const path = join(dir, `store-${shape.events}-${shape.orders}-${shape.open}-v1.db`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  await build(building, shape);
  renameSync(building, path);
  return path;
}
