import { Dec } from '@trader/domain';
import type { RunningSimulator } from '@trader/upbit-sim';
import Database from 'better-sqlite3';
import { callAdmin } from './admin-client';

/** One broken promise, with the orders involved. `check` is the number of the issue's list (1-6). */
export interface Violation {
  readonly check: number;
  readonly message: string;
  readonly orderIds: readonly string[];
}

interface TraderOrderRow {
  orderId: string;
  market: string;
  side: string;
  status: string;
  executedVolume: string;
  paidFee: string;
  reason: string | null;
}

const OPEN = new Set(['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel']);
const EXPECTED: Record<string, readonly string[]> = { wait: ['accepted', 'partially_filled'], done: ['filled'], cancel: ['cancelled'] };

export interface ExchangeView {
  readonly sim: RunningSimulator;
  readonly accountId: string;
  readonly initialKrw: Dec;
  readonly database: string;
  readonly traderUrl: string | undefined;
  readonly token: string;
}

/** Totals of what the exchange holds for the account, for the run's summary line. */
export function exchangeTotals(view: Pick<ExchangeView, 'sim' | 'accountId'>): { orders: number; fills: number } {
  const orders = view.sim.exchange.ordersOf(view.accountId);
  return { orders: orders.length, fills: orders.reduce((n, o) => n + o.trades.length, 0) };
}

/**
 * Checks 1, 2, 3, 5 and 6 once: the trader's orders and positions against the simulator's orders,
 * trades and balances, the request log, and the trader's tasks and dead letters. `final` turns an
 * order still `submitted`/`unknown` into a violation (before the bound it may legitimately be so).
 */
export async function checkAgainstExchange(view: ExchangeView, final: boolean): Promise<Violation[]> {
  const violations: Violation[] = [];
  const add = (check: number, message: string, orderIds: readonly string[] = []): number => violations.push({ check, message, orderIds });
  const { orders: ours, positions } = readTrader(view.database);
  const byId = new Map(ours.map((o) => [o.orderId, o]));
  const theirs = view.sim.exchange.ordersOf(view.accountId);
  const onExchange = new Set<string>();

  // 1. Every exchange order is known to us with the same state, executed volume and fees.
  for (const order of theirs) {
    const id = order.identifier ?? order.uuid;
    onExchange.add(id);
    const mine = byId.get(id);
    if (mine === undefined) {
      add(1, `exchange order ${order.uuid} (${order.market} ${order.side} ${order.state}) is unknown to the trader`, [id]);
      continue;
    }
    const expected = EXPECTED[order.state] ?? [];
    if (!expected.includes(mine.status)) add(1, `state: exchange ${order.state}, trader ${mine.status}${mine.reason ? ` (${mine.reason})` : ''}`, [id]);
    if (!new Dec(mine.executedVolume).eq(order.executedVolume.toFixed())) {
      add(1, `executed volume: exchange ${order.executedVolume.toFixed()}, trader ${mine.executedVolume}`, [id]);
    }
    if (!new Dec(mine.paidFee).eq(order.paidFee.toFixed())) add(1, `paid fee: exchange ${order.paidFee.toFixed()}, trader ${mine.paidFee}`, [id]);
  }
  for (const mine of ours) {
    if (onExchange.has(mine.orderId)) continue;
    const pending = mine.status === 'submitted' || mine.status === 'unknown';
    if (pending && !final) continue;
    if (pending) add(5, `still ${mine.status} after the settle bound, and the exchange never had it`, [mine.orderId]);
    else if (mine.status !== 'rejected') add(1, `trader holds ${mine.status} but the exchange never had the order`, [mine.orderId]);
  }
  // 1 (open vs closed) and 5 (no order left submitted/unknown past the bound).
  const theirsById = new Map(theirs.map((o) => [o.identifier ?? o.uuid, o]));
  for (const mine of ours) {
    if (!OPEN.has(mine.status)) continue;
    const order = theirsById.get(mine.orderId);
    if (order !== undefined && order.state !== 'wait' && final) add(1, `trader holds it ${mine.status}, the exchange closed it (${order.state})`, [mine.orderId]);
    if (order !== undefined && (mine.status === 'submitted' || mine.status === 'unknown') && final) add(5, `still ${mine.status} after the settle bound`, [mine.orderId]);
  }

  // 2. No identifier POSTed more than once.
  const requests = view.sim.admin.requests({ method: 'POST', path: '/v1/orders' });
  if (requests.dropped > 0) add(2, `the simulator's request log dropped ${requests.dropped} entries: raise requestLogCapacity`);
  for (const [identifier, count] of Object.entries(view.sim.admin.orderPostCounts())) {
    if (count !== 1) add(2, `identifier POSTed ${count} times`, [identifier]);
  }

  // 3. Positions and balances equal what the exchange's trade history implies.
  const implied = new Map<string, Dec>();
  let krw = view.initialKrw;
  for (const order of theirs) {
    const currency = order.baseCurrency;
    for (const trade of order.trades) {
      const volume = new Dec(trade.volume.toFixed());
      const funds = new Dec(trade.funds.toFixed());
      const fee = new Dec(trade.fee.toFixed());
      const sign = order.side === 'bid' ? 1 : -1;
      implied.set(currency, (implied.get(currency) ?? new Dec(0)).plus(volume.mul(sign)));
      krw = order.side === 'bid' ? krw.minus(funds).minus(fee) : krw.plus(funds).minus(fee);
    }
  }
  const holdings = new Map(view.sim.exchange.holdings(view.accountId).map((h) => [h.currency, new Dec(h.balance.toFixed()).plus(h.locked.toFixed())]));
  for (const [currency, quantity] of implied) {
    const market = `KRW-${currency}`;
    const position = positions.get(market) ?? new Dec(0);
    if (!position.eq(quantity)) add(3, `${market} position: trader ${position.toFixed()}, exchange trades imply ${quantity.toFixed()}`);
    const held = holdings.get(currency) ?? new Dec(0);
    if (!held.eq(quantity)) add(3, `${currency} balance+locked on the exchange ${held.toFixed()}, its trades imply ${quantity.toFixed()}`);
  }
  for (const [market, quantity] of positions) {
    if (!implied.has(market.split('-')[1] ?? '') && !quantity.isZero()) add(3, `${market} position ${quantity.toFixed()} without any exchange trade`);
  }
  const heldKrw = holdings.get('KRW') ?? new Dec(0);
  if (!heldKrw.eq(krw)) add(3, `KRW balance+locked on the exchange ${heldKrw.toFixed()}, its trades imply ${krw.toFixed()}`);

  // 6. No dead task, no dead letter left.
  const runtime = await callAdmin(view.traderUrl, view.token, 'GET', '/api/v1/runtime');
  if (runtime.status !== 200) add(6, `GET /api/v1/runtime answered ${runtime.status}`);
  else {
    const tasks = (runtime.body as { tasks: Array<{ name: string; state: string; lastError?: string }> }).tasks;
    for (const task of tasks.filter((t) => t.state === 'failed')) add(6, `task ${task.name} is dead: ${task.lastError ?? 'no error recorded'}`);
  }
  const letters = await callAdmin(view.traderUrl, view.token, 'GET', '/api/v1/dead-letters');
  if (letters.status !== 200) add(6, `GET /api/v1/dead-letters answered ${letters.status}`);
  else {
    const parked = (letters.body as Array<{ id: number; subscriber: string; eventType: string; streamId: string; error: string; status: string }>).filter((l) => l.status === 'parked');
    for (const letter of parked) add(6, `dead letter ${letter.id}: ${letter.subscriber} gave up on ${letter.eventType} of ${letter.streamId}: ${letter.error}`, [letter.streamId.replace(/^order-/, '')]);
  }
  return violations;
}

function readTrader(database: string): { orders: TraderOrderRow[]; positions: Map<string, Dec> } {
  const db = new Database(database, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const orders = db.prepare('SELECT orderId, market, side, status, executedVolume, paidFee, reason FROM rm_orders').all() as TraderOrderRow[];
    const rows = db.prepare('SELECT market, quantity FROM rm_positions').all() as Array<{ market: string; quantity: string }>;
    return { orders, positions: new Map(rows.map((r) => [r.market, new Dec(r.quantity)])) };
  } finally {
    db.close();
  }
}
