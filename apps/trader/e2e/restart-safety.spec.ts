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

interface StoredRow {
  position: number;
  stream_id: string;
  event_type: string;
  payload: string;
}

/**
 * The trader is killed with SIGKILL in the middle of trading, several times, once right after the
 * exchange executed an order whose answer never came. The exchange (a standalone simulator) lives on.
 * Afterwards: no order was sent twice, no fill is lost or counted twice, every outcome is resolved,
 * reconciliation ran at every start, strategies resumed, and the read models equal a rebuild.
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
  const api = async (url: string, method: string, path: string, body?: unknown): Promise<unknown> => (await adminApi(url, token)(method, path, body)).body;

  it('sends no order twice, loses and doubles no fill, and resumes after every kill', async () => {
    let starts = 0;
    const start = async (): Promise<string> => {
      trader = startTrader(env());
      starts += 1;
      const url = await listeningUrl(trader);
      await eventually(async () => expect(await api(url, 'GET', '/api/v1/session')).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 30_000 });
      return url;
    };
    const kill = async (): Promise<void> => {
      trader?.child.kill('SIGKILL');
      await trader?.exited;
    };

    // Round 1: define the strategy, let it trade, kill it at a random moment.
    let url = await start();
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

    // Rounds 3 and 4: trading again, killed at random moments.
    for (let round = 0; round < 2; round += 1) {
      const count = simOrders().length;
      url = await start();
      await eventually(() => expect(simOrders().length).toBeGreaterThan(count), { timeoutMs: 30_000, intervalMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
      await kill();
    }

    // Final start: everything resolves, the strategy trades on, then a clean stop.
    const count = simOrders().length;
    url = await start();
    await eventually(() => expect(simOrders().length).toBeGreaterThan(count), { timeoutMs: 30_000, intervalMs: 50 });
    await api(url, 'POST', '/api/v1/strategies/quick-round-trip/disable');
    await eventually(async () => expect(await api(url, 'GET', '/api/v1/orders?open=true')).toEqual([]), { timeoutMs: 30_000, intervalMs: 100 });
    trader?.child.kill('SIGTERM');
    expect(await trader?.exited).toEqual({ code: 0, signal: null });

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
    expect(rows.filter((r) => r.event_type === 'ReconciliationCompleted')).toHaveLength(starts);
    const lastStart = rows.filter((r) => r.event_type === 'ReconciliationCompleted').at(-1)?.position ?? 0;
    expect(rows.some((r) => r.event_type === 'StrategyDecided' && r.position > lastStart)).toBe(true);

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
  }, 240_000);
});
