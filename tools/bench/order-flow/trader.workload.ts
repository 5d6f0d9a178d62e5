import { tradingProjections } from '@trader/events';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { BENCH_MARKETS, SimAddresses } from './bench-exchange';
import { BenchTrader } from './bench-trader';
import { CancelSample, FlowRun, OrderSample } from './flow-run';
import { runLoad, RestingOrders } from './load-schedule';
import { OrderPlan } from './order-plan';
import { cancelsByReference, postsByIdentifier, rateLimitAnswers, simRequests } from './sim-requests';

interface OrderRow {
  orderId: string;
  submittedAt: number;
  status: string;
  reason: string | null;
  exchangeOrderId: string | null;
}

/** After the load stops: when the read models' lag is read, and when every order must be resolved. */
const LAG_READ_AFTER_MS = 5_000;
const RESOLVED_AFTER_MS = 10_000;
/** How often the cancelled orders are read from the order API while cancels are outstanding. */
const CONFIRM_POLL_MS = 200;

/** Repeats `step` every `everyMs` until `stop()`, which rethrows the first failure of a step. */
function poller(everyMs: number, step: () => Promise<void>): { stop: () => Promise<void> } {
  let running = true;
  let failure: unknown;
  const done = (async () => {
    while (running) {
      await step();
      await delay(everyMs);
    }
  })().catch((error: unknown) => {
    failure = error;
  });
  return {
    stop: async () => {
      running = false;
      await done;
      if (failure !== undefined) throw failure;
    },
  };
}

/**
 * Per read model, the stored events of the types it applies that lie past its checkpoint (a
 * checkpoint moves only with the events its projection takes), read from the trader's database file.
 */
function readModelLag(databasePath: string): { lag: number; detail: string } {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const last = (db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
    const behind = tradingProjections().map((projection) => {
      const checkpoint = (db.prepare('SELECT position FROM checkpoints WHERE subscriber = ?').get(projection.name) as { position: number } | undefined)?.position ?? 0;
      const types = projection.eventTypes ?? [];
      const filter = types.length > 0 ? `AND event_type IN (${types.map(() => '?').join(',')})` : '';
      const pending = (db.prepare(`SELECT COUNT(*) AS n FROM events WHERE position > ? ${filter}`).get(checkpoint, ...types) as { n: number }).n;
      return { name: projection.name, checkpoint, pending };
    });
    return {
      lag: behind.reduce((worst, b) => Math.max(worst, b.pending), 0),
      detail: `last position ${last}; ${behind.map((b) => `${b.name} at ${b.checkpoint}, ${b.pending} behind`).join('; ')}`,
    };
  } finally {
    db.close();
  }
}

/** When the trader stored the first event of `type` per order (its `order-<id>` stream), from its database file. */
function storedTimes(databasePath: string, type: string): Map<string, number> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT stream_id, MIN(recorded_at) AS at FROM events WHERE event_type = ? GROUP BY stream_id').all(type) as Array<{ stream_id: string; at: number }>;
    return new Map(rows.map((r) => [r.stream_id.replace(/^order-/, ''), r.at]));
  } finally {
    db.close();
  }
}

function outcomeOf(row: OrderRow | undefined): string {
  if (!row) return 'missing';
  if (row.status === 'rejected') return /stale/i.test(row.reason ?? '') ? 'stale' : `rejected:${row.reason ?? ''}`;
  return row.status;
}

/**
 * The plan through the trader's admin API: POST /api/v1/orders per order, DELETE /api/v1/orders/:id
 * per cancel, each order matched to the simulator's receipt of its POST by identifier (our order id).
 */
export async function traderWorkload(trader: BenchTrader, sim: SimAddresses, plan: OrderPlan): Promise<FlowRun> {
  const orders: OrderSample[] = [];
  const cancels: CancelSample[] = [];
  const restingIds = new Set<string>();
  const resting = new RestingOrders();
  let cancelsSkipped = 0;

  // The exchange's receipts tell which resting orders can be cancelled, as the operator would see them rest.
  const feedResting = poller(250, async () => {
    for (const [id, post] of postsByIdentifier(await simRequests(sim.adminUrl))) if (post.status === 201 && restingIds.has(id)) resting.accepted(id);
  });
  const confirmCancels = poller(CONFIRM_POLL_MS, async () => {
    if (cancels.every((c) => c.confirmedAt !== undefined)) return;
    const rows = (await trader.api('GET', '/api/v1/orders?status=cancelled&limit=1000')).body as OrderRow[];
    const now = Date.now();
    const cancelled = new Set(rows.map((r) => r.orderId));
    for (const c of cancels) if (c.confirmedAt === undefined && cancelled.has(c.orderId)) c.confirmedAt = now;
  });

  let lagAt: { lag: number; detail: string } | undefined;
  let loadEnded = 0;
  try {
    const { startedAt, endedAt } = await runLoad(plan, {
      order: async (planned) => {
        const orderId = randomUUID();
        if (planned.kind === 'resting') restingIds.add(orderId);
        const sample: OrderSample = { orderId, submittedAt: Date.now(), outcome: 'pending' };
        orders.push(sample);
        const answer = await trader.api('POST', '/api/v1/orders', {
          market: planned.market,
          side: planned.side,
          orderType: 'limit',
          price: planned.price.toFixed(),
          volume: planned.volume.toFixed(),
          ...(planned.ioc ? { timeInForce: 'ioc' } : {}),
          clientOrderId: orderId,
        });
        sample.answeredAt = Date.now();
        sample.outcome = answer.status === 201 ? 'stored' : answer.status === 422 ? 'denied' : `admin:${answer.status}`;
      },
      cancel: async () => {
        const orderId = resting.takeOldest();
        if (orderId === undefined) {
          cancelsSkipped += 1;
          return;
        }
        const sample: CancelSample = { orderId, requestedAt: Date.now() };
        cancels.push(sample);
        const answer = await trader.api('DELETE', `/api/v1/orders/${orderId}`);
        if (answer.status !== 202) throw new Error(`cancel of ${orderId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      },
    });
    loadEnded = endedAt;
    await delay(Math.max(0, endedAt + LAG_READ_AFTER_MS - Date.now()));
    lagAt = readModelLag(trader.databasePath);
    await delay(Math.max(0, endedAt + RESOLVED_AFTER_MS - Date.now()));

    const rows = new Map<string, OrderRow>();
    for (const market of BENCH_MARKETS) {
      for (const row of (await trader.api('GET', `/api/v1/orders?market=${market}&limit=1000`)).body as OrderRow[]) rows.set(row.orderId, row);
    }
    const log = await simRequests(sim.adminUrl);
    const posts = postsByIdentifier(log);
    const deletes = cancelsByReference(log);
    const sendStarted = storedTimes(trader.databasePath, 'OrderSendStarted');
    const cancelStored = storedTimes(trader.databasePath, 'OrderCancelRequested');
    for (const o of orders) {
      o.sendStartedAt = sendStarted.get(o.orderId);
      o.receivedAt = posts.get(o.orderId)?.receivedAt;
      o.storedAt = rows.get(o.orderId)?.submittedAt;
      if (o.outcome === 'stored') o.outcome = outcomeOf(rows.get(o.orderId));
    }
    for (const c of cancels) c.storedAt = cancelStored.get(c.orderId);
    for (const c of cancels) c.receivedAt = deletes.get(rows.get(c.orderId)?.exchangeOrderId ?? '')?.receivedAt ?? deletes.get(c.orderId)?.receivedAt;
    const unresolvedAfterLoad = orders.filter((o) => o.outcome === 'submitted' || o.outcome === 'unknown').length;
    return {
      label: 'trader: admin API -> store -> saga -> Upbit client -> simulator (built dist/, child process)',
      orders,
      cancels,
      cancelsSkipped,
      ...rateLimitAnswers(log),
      loadMs: loadEnded - startedAt,
      unresolvedAfterLoad,
      readModelLagEvents: lagAt.lag,
      readModelLagDetail: lagAt.detail,
    };
  } finally {
    await feedResting.stop();
    await confirmCancels.stop();
  }
}
