import { accountSchema, EventStoreRuntime, openEventDatabase, PgEventStore, PgSyncDatabase, SqliteEventStore } from '@trader/events';
import { createPgTestDatabase, describeWithPg } from '@trader/events/testing';
import type { PgTestDatabase } from '@trader/events/testing';
import { AppKernel, eventually, TaskManager } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BreakableStreams } from '../test-support/breakable-streams';
import { harnessLimits as limits, harnessToken, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

const limitBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' };

/** What a refused write answers: 503 problem details that say the instance is a standby. */
const standbyProblem = {
  status: 503,
  body: expect.objectContaining({ status: 503, code: 'INSTANCE_IS_STANDBY', detail: expect.stringContaining('this instance is a standby') }),
};

describe('a standby instance', () => {
  let h: TradingAppHarness;
  let streams: BreakableStreams;
  beforeAll(async () => {
    streams = new BreakableStreams();
    h = await startTradingApp({ role: 'standby', streams });
  });
  afterAll(() => h.close());
  const lastPosition = (): number => h.moduleRef.get(EventStoreRuntime).store.lastPosition();

  it('says it is a standby on /health and /api/v1/runtime, and holds back the components that write', async () => {
    expect((await h.call('GET', '/health', undefined, null)).body).toEqual({ status: 'up', role: 'standby' });
    const runtime = (await h.call('GET', '/api/v1/runtime')).body as { kernel: { role: string; components: Array<{ name: string; state: string; detail?: string }> } };
    expect(runtime.kernel.role).toBe('standby');
    const heldBack = runtime.kernel.components.filter((c) => c.state === 'registered').map((c) => c.name);
    expect(heldBack).toEqual(['event-store', 'trading']);
    expect(runtime.kernel.components.find((c) => c.name === 'live-state')?.state).toBe('running');
    expect(runtime.kernel.components.find((c) => c.name === 'standby-events')).toEqual(
      expect.objectContaining({ state: 'running', detail: expect.stringMatching(/^following the active instance's events, shown up to position \d+$/) as unknown }),
    );
  });

  it('answers reads and refuses every write with a 503 standby problem, REST and GraphQL, writing nothing', async () => {
    expect(await h.call('GET', '/api/v1/orders')).toEqual({ status: 200, body: [] });
    expect((await h.call('GET', '/api/v1/session')).status).toBe(200);
    const metrics = await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${harnessToken}` } });
    expect([metrics.status, (await metrics.text()).includes('# HELP')]).toEqual([200, true]);
    expect((await h.call('POST', '/graphql', { query: '{ orders { orderId } }' })).body).toEqual({ data: { orders: [] } });

    expect(await h.call('POST', '/api/v1/orders', limitBuy)).toEqual(standbyProblem);
    expect(await h.call('PUT', '/api/v1/risk/limits', limits)).toEqual(standbyProblem);
    expect(await h.call('POST', '/api/v1/session/halt', { reason: 'test' })).toEqual(standbyProblem);
    const mutation = (await h.call('POST', '/graphql', { query: 'mutation { enableStrategy(id: "basic-seven-rules") }' })).body as { errors?: Array<{ extensions?: { code?: string; status?: number } }> };
    expect(mutation.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'INSTANCE_IS_STANDBY', status: 503 }));

    // Nothing was appended: no write, and no trading start-up (risk limits, the reference strategy).
    expect(lastPosition()).toBe(0);
  });

  it('takes writes once activated: trading starts (and appends its start-up events), writes pass', async () => {
    await h.moduleRef.get(AppKernel).activate();
    // (up or degraded: activation may hold the loop past the loop guard's threshold on a busy machine)
    expect((await h.call('GET', '/health', undefined, null)).body).toEqual(expect.objectContaining({ role: 'active' }));
    const runtime = (await h.call('GET', '/api/v1/runtime')).body as { kernel: { components: Array<{ name: string; detail?: string }> } };
    expect(runtime.kernel.components.find((c) => c.name === 'standby-events')?.detail).toBe('idle: this instance is active, its own commits reach the live stream');
    await eventually(() => expect(lastPosition()).toBeGreaterThan(0));
    expect((await h.call('PUT', '/api/v1/risk/limits', limits)).status).toBe(204);
    await eventually(async () => expect((await h.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })));
  });
});

/** Opens the SSE stream at `url`, runs `act`, reads until `until` holds for what arrived (or 10 s pass), then closes it. */
async function readLiveEvents(url: string, act: () => Promise<void>, until: (received: string) => boolean): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${harnessToken}` }, signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const timer = setTimeout(() => controller.abort(), 10_000);
  let received = '';
  try {
    await act();
    while (!until(received)) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) break;
      received += new TextDecoder().decode(chunk.value);
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return received;
}

describe("a standby's live event stream", () => {
  const dir = mkdtempSync(join(tmpdir(), 'standby-live-'));
  const databasePath = join(dir, 'trader.db');
  let h: TradingAppHarness;
  let active: { db: ReturnType<typeof openEventDatabase>; store: SqliteEventStore };
  beforeAll(async () => {
    h = await startTradingApp({ role: 'standby', streams: new BreakableStreams(), databasePath });
    // The active instance, as far as this process can tell: another connection appending to the shared store.
    const db = openEventDatabase({ path: databasePath }, Date.now());
    active = { db, store: new SqliteEventStore(db, { clock: { now: () => Date.now() } }) };
  });
  afterAll(async () => {
    await h.close();
    active.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const readLive = (path: string, act: () => Promise<void>, until: (received: string) => boolean): Promise<string> => readLiveEvents(`${h.url}${path}`, act, until);
  const fills = async (): Promise<string> => {
    const text = await (await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${harnessToken}` } })).text();
    return text.split('\n').filter((line) => line.startsWith('trader_fills_total')).join('\n');
  };

  it("shows the events the active instance appends, without counting them as this process's own", async () => {
    const fillsBefore = await fills();
    const fill = { orderId: 'o-1', market: 'KRW-BTC', side: 'buy', tradeId: 't-1', price: '100000000', volume: '0.001', funds: '100000', fee: '50', at: 1 };
    const received = await readLive(
      '/api/v1/events/live',
      () => active.store.append('order-o-1', 'any', [{ eventId: 'followed-1', type: 'OrderFilled', data: fill }]).then(() => undefined),
      (text) => text.includes('followed-1'),
    );
    expect(received).toMatch(/event: OrderFilled\nid: 1\ndata: \{.*"eventId":"followed-1"/);
    // Only the live readers see a followed event: the standby's metrics count what this process commits.
    expect(await fills()).toBe(fillsBefore);
  });

  it('filters by type, and after activation shows its own commits once each (the follower has stopped)', async () => {
    const typed = await readLive(
      '/api/v1/events/live?type=Counted',
      () => active.store.append('counter', 'any', [{ eventId: 'skipped', type: 'Skipped', data: {} }, { eventId: 'counted', type: 'Counted', data: {} }]).then(() => undefined),
      (text) => text.includes('"eventId":"counted"'),
    );
    expect(typed).not.toContain('skipped');

    const afterActivation = await readLive(
      '/api/v1/events/live',
      async () => {
        await h.moduleRef.get(AppKernel).activate();
      },
      // The trading component's start-up appends (risk limits, the reference strategy) come through the event bus.
      (text) => text.includes('event: StrategyDefined'),
    );
    const ids = [...afterActivation.matchAll(/^id: (\d+)$/gm)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    // It ends at its next look, without reading: the role it checks first is active.
    await eventually(() => expect(h.moduleRef.get(TaskManager).list().filter((task) => task.name === 'standby-events' && task.state !== 'aborted')).toEqual([]));
  });
});

describeWithPg("a standby's live event stream on PostgreSQL", () => {
  const dir = mkdtempSync(join(tmpdir(), 'standby-live-pg-'));
  let database: PgTestDatabase;
  let h: TradingAppHarness;
  let active: PgSyncDatabase;
  beforeAll(async () => {
    database = createPgTestDatabase();
    h = await startTradingApp({ role: 'standby', streams: new BreakableStreams(), databasePath: database.url, historyPath: join(dir, 'candles.sqlite'), dashboardDir: join(dir, 'dashboard') });
    active = new PgSyncDatabase(database.url, { schema: accountSchema('default') });
  });
  afterAll(async () => {
    await h.close();
    active.close();
    database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("follows the active instance's appends on a connection of its own (not the runtime's)", async () => {
    const received = await readLiveEvents(
      `${h.url}/api/v1/events/live`,
      () => new PgEventStore(active, { clock: { now: () => Date.now() } }).append('counter', 'any', [{ eventId: 'from-the-active', type: 'Counted', data: { n: 1 } }]).then(() => undefined),
      (text) => text.includes('from-the-active'),
    );
    expect(received).toMatch(/event: Counted\nid: \d+\ndata: \{.*"eventId":"from-the-active"/);
    const readers = active.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'upbit-trader trader_default reader'", []).rows as Array<{ n: number }>;
    expect(readers[0]?.n).toBe(1);
  });

  it('reports a lost reader connection as degraded, and follows again on a new one', async () => {
    const follower = async (): Promise<{ state: string; detail?: string } | undefined> => {
      await h.call('GET', '/health', undefined, null);
      const runtime = (await h.call('GET', '/api/v1/runtime')).body as { kernel: { components: Array<{ name: string; state: string; detail?: string }> } };
      return runtime.kernel.components.find((c) => c.name === 'standby-events');
    };
    active.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'upbit-trader trader_default reader'", []);
    await eventually(async () => expect(await follower()).toEqual(expect.objectContaining({ state: 'degraded', detail: expect.stringContaining('cannot read the event store') as unknown })), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    await eventually(async () => expect(await follower()).toEqual(expect.objectContaining({ state: 'running', detail: expect.stringContaining('following') as unknown })), { timeoutMs: 10_000 });
    const received = await readLiveEvents(
      `${h.url}/api/v1/events/live`,
      () => new PgEventStore(active, { clock: { now: () => Date.now() } }).append('counter', 'any', [{ eventId: 'after-reconnect', type: 'Counted', data: { n: 2 } }]).then(() => undefined),
      (text) => text.includes('after-reconnect'),
    );
    expect(received).toContain('"eventId":"after-reconnect"');
  });

  it('shows a burst of several pages in order, each event once', async () => {
    const burst = Array.from({ length: 1_234 }, (_, n) => ({ eventId: `burst-${n}`, type: 'Counted', data: { n } }));
    const received = await readLiveEvents(
      `${h.url}/api/v1/events/live?type=Counted`,
      () => new PgEventStore(active, { clock: { now: () => Date.now() } }).append('burst', 'any', burst).then(() => undefined),
      (text) => text.includes('"eventId":"burst-1233"'),
    );
    const ids = [...received.matchAll(/"eventId":"(burst-\d+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(burst.map((event) => event.eventId));
  });
});
