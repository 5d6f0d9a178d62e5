import { Dec, ManualClock } from '@trader/domain';
import { EventStoreRuntime, tradingProjections, tradingReadModelEntities } from '@trader/events';
import { eventually, silentLogger, TaskManager } from '@trader/runtime';
import { startSimulator } from '@trader/upbit-sim';
import type { RunningSimulator } from '@trader/upbit-sim';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminApi, listeningUrl, quickRoundTripStrategy, RunningTrader, startTrader } from './trader-process';

const token = 'restart-token-0123456789';

interface LoggedPost {
  identifier: string | undefined;
  status: number | null;
  answered: boolean;
}

interface OrderRow {
  orderId: string;
  status: string;
  executedVolume: string;
}

/** What our order's status must be once the exchange's order is settled in a given state. */
const statusOnExchange: Record<string, string> = { done: 'filled', cancel: 'cancelled' };

interface StoredRow {
  position: number;
  stream_id: string;
  event_type: string;
  payload: string;
}

/**
 * The trader is killed with SIGKILL in the middle of trading, several times, once right after the
 * exchange executed an order whose answer never came. The exchange (a standalone simulator) lives on.
 * Faults on top: the exchange executes an order and loses its answer while the trader lives on, and
 * the trader fails to record the exchange's answer after the POST (`TRADER_FAULTS=record-after-post`),
 * and the trader is killed while a POST the exchange received but never ran is in flight.
 * Afterwards: no order was sent twice, no fill is lost or counted twice, every outcome is resolved,
 * no order the exchange holds is ours as rejected, reconciliation ran at every start, strategies
 * resumed, and the read models equal a rebuild. Each fault is checked to have fired.
 */
describe('restart safety (kill -9 while trading)', () => {
  let sim: RunningSimulator;
  let dir: string;
  let trader: RunningTrader | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'] });
    dir = mkdtempSync(join(tmpdir(), 'trader-restart-'));
  });
  afterAll(async () => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    await sim.close();
    if (process.env['KEEP_DIR']) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  const database = (): string => join(dir, 'trader.db');
  const env = (): Record<string, string> => ({
    TRADER_PORT: '0',
    TRADER_TOKEN: token,
    TRADER_DB: database(),
    TRADER_MARKETS: 'KRW-BTC,KRW-ETH,KRW-XRP',
    UPBIT_REST_URL: sim.restUrl,
    UPBIT_WS_URL: sim.wsUrl,
    UPBIT_PRIVATE_WS_URL: sim.privateWsUrl,
    UPBIT_ACCESS_KEY: sim.accounts[0]?.accessKey ?? '',
    UPBIT_SECRET_KEY: sim.accounts[0]?.secretKey ?? '',
  });
  const simOrders = () => {
    const id = sim.exchange.accountByAccessKey(sim.accounts[0]?.accessKey ?? '')?.id ?? '';
    return sim.exchange.ordersOf(id);
  };
  const injectAnswerLost = async (): Promise<void> => {
    // "Answer lost after execution": the exchange runs the POST, then never answers it.
    const response = await fetch(`${sim.adminUrl}/faults/rest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'timeout' }, times: 1 }),
    });
    expect(response.ok).toBe(true);
  };
  const api = async (url: string, method: string, path: string, body?: unknown): Promise<unknown> => (await adminApi(url, token)(method, path, body)).body;
  const loggedOrderPosts = async (): Promise<LoggedPost[]> =>
    ((await (await fetch(`${sim.adminUrl}/requests?method=POST&path=/v1/orders`)).json()) as { requests: LoggedPost[] }).requests;
  const orderPostsLogged = async (): Promise<number> => (await loggedOrderPosts()).length;
  const unansweredPosts = async (): Promise<Array<string | undefined>> => (await loggedOrderPosts()).filter((r) => !r.answered).map((r) => r.identifier);

  it('sends no order twice, loses and doubles no fill, and resumes after every kill', async () => {
    let starts = 0;
    const outputs: string[] = [];
    const start = async (faults: Record<string, string> = {}): Promise<string> => {
      trader = startTrader({ ...env(), ...faults });
      starts += 1;
      const url = await listeningUrl(trader);
      await eventually(async () => expect(await api(url, 'GET', '/api/v1/session')).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 30_000 });
      return url;
    };
    const kill = async (): Promise<void> => {
      trader?.child.kill('SIGKILL');
      await trader?.exited;
      outputs.push(trader?.output() ?? '');
    };

    // Round 1: define the strategy, let it trade, kill it at a random moment. Every answer the
    // execution saga records fails once (recording failed after the POST).
    let url = await start({ TRADER_FAULTS: 'record-after-post:1', TRADER_FAULTS_SEED: '1' });
    await api(url, 'POST', '/api/v1/strategies', quickRoundTripStrategy);
    await eventually(() => expect(simOrders().length).toBeGreaterThanOrEqual(2), { timeoutMs: 30_000, intervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 500)));
    await kill();

    // Round 2: the exchange executes the next order but never answers; kill while it is in flight.
    sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'timeout' }, times: 1 });
    const before = simOrders().length;
    url = await start();
    await eventually(() => expect(simOrders().length).toBeGreaterThan(before), { timeoutMs: 30_000, intervalMs: 20 });
    await kill();
    sim.admin.clearFaults();
    const unanswered = simOrders()[before]?.identifier;

    // Round 3: the exchange executes an order and loses its answer while the trader lives on: the
    // trader's own time-out makes the outcome unknown and its lookup resolves it, then it is killed.
    await injectAnswerLost();
    const beforeLost = simOrders().length;
    url = await start();
    await eventually(() => expect(simOrders().length).toBeGreaterThan(beforeLost), { timeoutMs: 30_000, intervalMs: 20 });
    const lostAnswer = simOrders()[beforeLost]?.identifier ?? '';
    await eventually(
      async () => expect(['filled', 'cancelled', 'accepted', 'partially_filled', 'pending_cancel']).toContain((await api(url, 'GET', `/api/v1/orders/${lostAnswer}`) as { status?: string }).status),
      { timeoutMs: 45_000, intervalMs: 100 },
    );
    await kill();

    // Rounds 4 and 5: trading again, with answers failing to record half of the time, killed at random moments.
    for (let round = 0; round < 2; round += 1) {
      const count = simOrders().length;
      url = await start({ TRADER_FAULTS: 'record-after-post:0.5' });
      await eventually(() => expect(simOrders().length).toBeGreaterThan(count), { timeoutMs: 30_000, intervalMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
      await kill();
    }

    // Round 6: the exchange receives the next POST and never runs it; kill while it is in flight. The
    // order's send was recorded as started and nothing exists on the exchange: only the bound tells.
    sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'before', action: { kind: 'timeout' }, times: 1 });
    const postsBeforeNeverRun = await orderPostsLogged();
    url = await start();
    await eventually(async () => expect(await orderPostsLogged()).toBeGreaterThan(postsBeforeNeverRun), { timeoutMs: 30_000, intervalMs: 20 });
    await kill();
    sim.admin.clearFaults();
    const neverRun = (await unansweredPosts()).at(-1);

    // Final start: everything resolves, the strategy trades on, then a clean stop. An order whose
    // send a killed process started, and that the exchange does not have, is judged lost only once
    // the outcome bound has passed since its send started (30 s: the POST may still be on its way),
    // at the next resolve sweep (every 10 s) or reconciliation, after its lookups (about 5 s).
    const count = simOrders().length;
    url = await start();
    await eventually(() => expect(simOrders().length).toBeGreaterThan(count), { timeoutMs: 30_000, intervalMs: 50 });
    await api(url, 'POST', '/api/v1/strategies/quick-round-trip/disable');
    await eventually(async () => expect(await api(url, 'GET', '/api/v1/orders?open=true')).toEqual([]), { timeoutMs: 75_000, intervalMs: 100 });
    expect(((await api(url, 'GET', `/api/v1/orders/${neverRun}`)) as { status?: string }).status).toBe('rejected');
    trader?.child.kill('SIGTERM');
    expect(await trader?.exited).toEqual({ code: 0, signal: null });
    outputs.push(trader?.output() ?? '');

    // The event log, read as it is on disk.
    const db = new Database(database(), { readonly: true });
    const rows = db.prepare('SELECT position, stream_id, event_type, payload FROM events ORDER BY position').all() as StoredRow[];
    db.close();
    const orderEvents = rows.filter((r) => r.stream_id.startsWith('order-'));
    const submitted = orderEvents.filter((r) => r.event_type === 'OrderSubmitted');
    const ourIds = submitted.map((r) => (JSON.parse(r.payload) as { orderId: string }).orderId);
    expect(new Set(ourIds).size).toBe(ourIds.length);

    // No order sent twice: the simulator's request log counts every POST /v1/orders per identifier,
    // refused and unanswered ones included (its order list could never show a refused duplicate).
    const requestLog = (await (await fetch(`${sim.adminUrl}/requests?path=/v1/orders`)).json()) as { dropped: number };
    expect(requestLog.dropped).toBe(0);
    const posts = (await (await fetch(`${sim.adminUrl}/requests/order-posts`)).json()) as Record<string, number>;
    expect(Object.entries(posts).filter(([, count]) => count !== 1)).toEqual([]);
    for (const identifier of Object.keys(posts)) expect(ourIds).toContain(identifier);
    const onExchange = simOrders();
    expect(onExchange.length).toBeGreaterThanOrEqual(6);
    for (const order of onExchange) expect(`${order.identifier} ${posts[order.identifier ?? '']}`).toBe(`${order.identifier} 1`);
    for (const order of onExchange) expect(ourIds).toContain(order.identifier);
    expect(orderEvents.filter((r) => r.event_type === 'OrderRejected' && r.payload.includes('duplicate'))).toEqual([]);

    // No fill lost or counted twice: per order, our fills add up to what the exchange executed.
    const fills = orderEvents.filter((r) => r.event_type === 'OrderFilled').map((r) => JSON.parse(r.payload) as { orderId: string; tradeId: string; volume: string });
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(fills.length);
    for (const order of onExchange) {
      const ours = fills.filter((f) => f.orderId === order.identifier).reduce((sum, f) => sum.plus(f.volume), new Dec(0));
      expect(`${order.identifier} ${ours.toFixed()}`).toBe(`${order.identifier} ${new Dec(order.executedVolume.toString()).toFixed()}`);
    }

    // Every outcome resolved (the unknown one included), reconciliation at every start, trading resumed.
    const closing = new Set(['OrderRejected', 'OrderCancelled']);
    for (const orderId of ourIds) {
      const stream = orderEvents.filter((r) => r.stream_id === `order-${orderId}`).map((r) => r.event_type);
      expect(stream.includes('OrderAccepted') || stream.some((t) => closing.has(t))).toBe(true);
    }
    // The order executed while its answer was lost was found by lookup after the restart, not sent again.
    const unansweredStream = orderEvents.filter((r) => r.stream_id === `order-${unanswered}`).map((r) => r.event_type);
    expect(unansweredStream.filter((t) => t === 'OrderSubmitted')).toHaveLength(1);
    expect(unansweredStream).toContain('OrderAccepted');
    // A private-stream update that failed to record (the injected fault) adds a stream-gap pass.
    const startupPasses = rows.filter((r) => r.event_type === 'ReconciliationCompleted' && (JSON.parse(r.payload) as { reason: string }).reason === 'startup');
    expect(startupPasses).toHaveLength(starts);
    const lastStart = startupPasses.at(-1)?.position ?? 0;
    expect(rows.some((r) => r.event_type === 'StrategyDecided' && r.position > lastStart)).toBe(true);

    // Both faults fired, so none of this passed vacuously. The simulator lost the answers of the two
    // orders it executed in rounds 2 and 3; the trader refused to record at least one answer.
    const lost = await unansweredPosts();
    expect(lost).toEqual([unanswered, lostAnswer, neverRun]);
    const refusedRecords = outputs
      .join('\n')
      .split('\n')
      .map((line) => /injected fault record-after-post: order ([^:]+):/.exec(line)?.[1])
      .filter((orderId): orderId is string => orderId !== undefined);
    expect(refusedRecords.length).toBeGreaterThanOrEqual(1);
    for (const orderId of [unanswered, lostAnswer, ...refusedRecords]) {
      const stream = orderEvents.filter((r) => r.stream_id === `order-${orderId}`).map((r) => r.event_type);
      expect(`${orderId} ${stream.filter((t) => t === 'OrderAccepted').length} ${posts[orderId ?? '']}`).toBe(`${orderId} 1 1`);
    }
    // The order the exchange never ran: sent once, rejected as not found, and only once the bound had
    // passed since its send started (the killed process may still have had it on the wire).
    const neverRunStream = orderEvents.filter((r) => r.stream_id === `order-${neverRun}`);
    expect(neverRunStream.map((r) => r.event_type).filter((t) => t === 'OrderSendStarted' || t === 'OrderAccepted' || t === 'OrderRejected')).toEqual(['OrderSendStarted', 'OrderRejected']);
    expect(posts[neverRun ?? '']).toBe(1);
    const sendStartedAt = (JSON.parse(neverRunStream.find((r) => r.event_type === 'OrderSendStarted')?.payload ?? '{}') as { at: number }).at;
    const rejection = JSON.parse(neverRunStream.find((r) => r.event_type === 'OrderRejected')?.payload ?? '{}') as { reasonCode: string; rejectedAt: number };
    expect(rejection.reasonCode).toMatch(/^not_found_/);
    expect(rejection.rejectedAt - sendStartedAt).toBeGreaterThanOrEqual(30_000);

    // The trader and the exchange agree on every order once settled: none of ours is rejected while
    // the exchange holds it, and each has the state and executed volume the exchange reports.
    const settled = new Database(database(), { readonly: true });
    const ourOrders = settled.prepare('SELECT orderId, status, executedVolume FROM rm_orders').all() as OrderRow[];
    settled.close();
    const held = new Map(onExchange.map((order) => [order.identifier ?? '', order]));
    for (const row of ourOrders.filter((r) => r.status === 'rejected')) expect(`${row.orderId} ${held.has(row.orderId)}`).toBe(`${row.orderId} false`);
    for (const order of onExchange) {
      const ours = ourOrders.find((r) => r.orderId === order.identifier);
      const exchangeVolume = new Dec(order.executedVolume.toString()).toFixed();
      expect(`${order.identifier} ${ours?.status} ${ours ? new Dec(ours.executedVolume).toFixed() : '-'}`).toBe(
        `${order.identifier} ${statusOnExchange[order.state] ?? `open (${order.state})`} ${exchangeVolume}`,
      );
    }

    // The read models equal a rebuild from position 0.
    const tasks = new TaskManager(new ManualClock(), silentLogger);
    const runtime = new EventStoreRuntime({ path: database(), clock: new ManualClock(), tasks, readModelEntities: [...tradingReadModelEntities] });
    try {
      const readModels = await runtime.readModelDataSource();
      const snapshot = async (): Promise<unknown[]> =>
        Promise.all(['rm_orders', 'rm_positions', 'rm_daily_pnl', 'rm_strategies'].map((table) => readModels.query(`SELECT * FROM ${table} ORDER BY 1`)));
      const live = await snapshot();
      for (const projection of tradingProjections()) await runtime.addProjection(projection);
      for (const projection of tradingProjections()) await runtime.rebuild(projection.name);
      expect(await snapshot()).toEqual(live);
    } finally {
      await runtime.stop();
      await tasks.shutdown(1_000);
    }
  }, 300_000);
});
