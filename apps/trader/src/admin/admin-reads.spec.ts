import { eventually } from '@trader/runtime';
import { AppKernel } from '@trader/runtime';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startSimulator } from '@trader/upbit-sim';
import type { RunningSimulator } from '@trader/upbit-sim';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { configureHttpApp } from '../bootstrap/configure-http-app';
import { exchangeEndpoints } from '../bootstrap/exchange-endpoints.bootstrap';
import { loadTraderConfig } from '../config/load-trader-config';
import { Secret } from '../config/secret';

const token = 'admin-reads-token-0123456789';
const watched = ['KRW-BTC', 'KRW-ETH'];
/** Listed by the simulator, not watched by the trader. */
const unwatched = 'KRW-XRP';

interface Freshness {
  source: string;
  asOf: number;
  stale: boolean;
}
type BalanceRow = Freshness & { currency: string; balance: string; locked: string };
type TickerRow = Freshness & { market: string; tradePrice: string };
type Chart = Freshness & { candles: { time: string; close: string }[] };

/** REST requests the simulator received since `before`, per route; routes with none left out. */
function requestsSince(sim: RunningSimulator, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sim.admin.requestCounts())
      .map(([route, count]) => [route, count - (before[route] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

/**
 * The admin reads on the trader's real wiring (the Upbit client, the streams, the event store on a
 * SQLite file) against the simulator on 127.0.0.1: they answer from what the trader keeps of the
 * streams, and the simulator's own request counts show they cost it no REST request.
 */
describe('admin reads served from the streams', () => {
  let sim: RunningSimulator;
  let moduleRef: TestingModule;
  let app: NestExpressApplication;
  let dir: string;
  let url: string;

  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const get = async <T>(path: string): Promise<T> => {
    const { status, body } = await api('GET', path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
    return body as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'admin-reads-'));
    sim = await startSimulator({ host: '127.0.0.1', port: 0, markets: [...watched, unwatched], seed: 7 });
    const config = loadTraderConfig({
      TRADER_DB: join(dir, 'trader.db'),
      TRADER_MARKETS: watched.join(','),
      TRADER_RECORD_MARKET: '0',
      UPBIT_REST_URL: sim.restUrl,
      UPBIT_WS_URL: sim.wsUrl,
      UPBIT_PRIVATE_WS_URL: sim.privateWsUrl,
      UPBIT_ACCESS_KEY: DEMO_ACCESS_KEY,
      UPBIT_SECRET_KEY: DEMO_SECRET_KEY,
    });
    moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, new Secret(token), await exchangeEndpoints(config))] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttpApp(app, { token: new Secret(token), publicDocs: false, dashboardDir: config.dashboardDir });
    await app.init();
    await moduleRef.get(AppKernel).start();
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    // The reference strategy would place orders (and read the account for its funds): these tests place their own.
    await eventually(async () => expect((await api('POST', '/api/v1/strategies/basic-seven-rules/disable')).status).toBe(204));
    await eventually(async () => expect(await get('/api/v1/session')).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.get(AppKernel).stop();
    await app?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers repeated reads of balances, tickers, positions and candles without a REST request', async () => {
    // Settled: balances seeded, both watched tickers from the stream, each chart warmed up once.
    await eventually(async () => expect((await get<BalanceRow[]>('/api/v1/balances')).find((b) => b.currency === 'KRW')).toEqual(expect.objectContaining({ stale: false })));
    await eventually(async () => expect((await get<TickerRow[]>('/api/v1/tickers')).map((t) => [t.market, t.source, t.stale])).toEqual(watched.map((m) => [m, 'ticker-stream', false])));
    for (const market of watched) expect((await get<Chart>(`/api/v1/markets/${market}/candles?timeframe=1m&count=50`)).source).toBe('trade-stream');

    const before = sim.admin.requestCounts();
    const loops = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 10; i += 1) {
        const [balances, tickers, positions, chart] = await Promise.all([
          get<BalanceRow[]>('/api/v1/balances'),
          get<TickerRow[]>(`/api/v1/tickers?markets=${watched.join(',')}`),
          get<unknown[]>('/api/v1/positions'),
          get<Chart>('/api/v1/markets/KRW-BTC/candles?timeframe=1m&count=100'),
        ]);
        expect(balances.find((b) => b.currency === 'KRW')?.balance).toMatch(/^\d+(\.\d+)?$/);
        expect(tickers).toHaveLength(2);
        expect(positions).toEqual([]);
        expect(chart.candles.length).toBeGreaterThan(0);
      }
    });
    await Promise.all(loops);
    const spent = requestsSince(sim, before);
    // 320 reads and not one request; only the periodic reconciliation (every 60 s) may read the account meanwhile.
    const { 'GET /v1/accounts': accountReads = 0, ...others } = spent;
    expect(others).toEqual({});
    expect(accountReads).toBeLessThanOrEqual(1);
  });

  it('answers a market it does not watch from one REST request, served again for a few seconds', async () => {
    const before = sim.admin.requestCounts();
    const answers = await Promise.all(Array.from({ length: 10 }, () => get<TickerRow[]>(`/api/v1/tickers?markets=${unwatched}`)));
    for (const [ticker] of answers) expect(ticker).toEqual(expect.objectContaining({ market: unwatched, source: 'rest-cache', stale: false }));
    expect(requestsSince(sim, before)['GET /v1/ticker']).toBe(1);
  });

  it('pages back through candle history with `to`, each page one candle REST request ending where the last began', async () => {
    const newest = await get<Chart>('/api/v1/markets/KRW-BTC/candles?timeframe=1m&count=165');
    const oldest = newest.candles[0]?.time ?? '';
    const before = sim.admin.requestCounts();
    const page = await get<Chart>(`/api/v1/markets/KRW-BTC/candles?timeframe=1m&count=165&to=${oldest}`);
    expect(page.source).toBe('rest-history');
    expect(page.candles).toHaveLength(165);
    expect(page.candles.at(-1)?.time).toBe(new Date(Date.parse(`${oldest}Z`) - 60_000).toISOString().slice(0, 19));
    expect(Object.keys(requestsSince(sim, before))).toEqual([expect.stringContaining('candles/minutes')]);
    const refused = await api('GET', '/api/v1/markets/KRW-BTC/candles?timeframe=1m&to=yesterday');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(expect.objectContaining({ errors: [expect.objectContaining({ field: 'to' })] }));
  });

  it('follows a fill in the balances through myAsset, not a REST read', async () => {
    const krwBefore = (await get<BalanceRow[]>('/api/v1/balances')).find((b) => b.currency === 'KRW');
    const placed = await api('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'market', funds: '100000' });
    expect(placed).toEqual(expect.objectContaining({ status: 201 }));
    const btc = await eventually(async () => {
      const row = (await get<BalanceRow[]>('/api/v1/balances')).find((b) => b.currency === 'BTC');
      expect(row).toBeDefined();
      return row as BalanceRow;
    });
    // A REST read would set the row's source to `accounts`: this one came from the stream.
    expect(btc).toEqual(expect.objectContaining({ source: 'myAsset', stale: false }));
    expect(Number(btc.balance)).toBeGreaterThan(0);
    const krw = (await get<BalanceRow[]>('/api/v1/balances')).find((b) => b.currency === 'KRW');
    expect(krw?.source).toBe('myAsset');
    expect(krw?.balance).not.toBe(krwBefore?.balance);
    // The position is valued at the ticker stream's last trade price.
    await eventually(async () =>
      expect(await get('/api/v1/positions')).toEqual([expect.objectContaining({ market: 'KRW-BTC', markSource: 'ticker-stream', markStale: false, markPrice: expect.stringMatching(/^\d/) })]),
    );
  });

  it('marks what it serves stale while the streams are down, and current again once they are back', async () => {
    sim.admin.ban(4_000);
    sim.admin.dropWebSockets();
    await eventually(async () => {
      expect((await get<BalanceRow[]>('/api/v1/balances')).every((b) => b.stale)).toBe(true);
      expect((await get<TickerRow[]>('/api/v1/tickers')).map((t) => [t.source, t.stale])).toEqual([
        ['ticker-stream', true],
        ['ticker-stream', true],
      ]);
      expect(await get('/api/v1/positions')).toEqual([expect.objectContaining({ markStale: true })]);
    });
    expect((await get<Chart>('/api/v1/markets/KRW-BTC/candles?timeframe=1m')).stale).toBe(true);

    await eventually(
      async () => {
        expect((await get<BalanceRow[]>('/api/v1/balances')).every((b) => !b.stale)).toBe(true);
        expect((await get<TickerRow[]>('/api/v1/tickers')).every((t) => !t.stale)).toBe(true);
        expect((await get<Chart>('/api/v1/markets/KRW-BTC/candles?timeframe=1m')).stale).toBe(false);
      },
      { timeoutMs: 30_000 },
    );
  }, 60_000);
});
