import { PgSyncDatabase } from '@trader/events';
import { createPgTestDatabase, describeWithPg } from '@trader/events/testing';
import type { PgTestDatabase } from '@trader/events/testing';
import { eventually } from '@trader/runtime';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminApi, listeningUrl, RunningTrader, startTrader } from './trader-process';

const token = 'postgres-token-0123456789';

interface OrderRow {
  orderId: string;
  status: string;
}

describeWithPg('the trader on PostgreSQL (the built process, TRADER_DB a postgres:// URL)', () => {
  let pg: PgTestDatabase;
  let dir: string;
  let trader: RunningTrader | undefined;
  beforeAll(() => {
    pg = createPgTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'trader-pg-'));
  });
  afterAll(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    pg.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an order placed through the admin API in the account schema, read back after a restart, and never shows the password', async () => {
    // The test server trusts every connection: a password in the URL shows whether it leaks anywhere.
    const url = new URL(pg.url);
    url.password = 's3cret';
    const env = { TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: url.toString(), TRADER_ACCOUNT: 'e2e', TRADER_DATA_DIR: dir };

    trader = startTrader(env);
    let api = adminApi(await listeningUrl(trader), token);
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 30_000 });
    await api('POST', '/api/v1/strategies/basic-seven-rules/disable');
    // A limit buy far below the market rests on the book; cancelled, its outcome is final across restarts.
    const ticker = ((await api('GET', '/api/v1/tickers?markets=KRW-BTC')).body as Array<{ tradePrice: string }>)[0];
    const price = String(Math.floor((Number(ticker?.tradePrice) * 0.5) / 1000) * 1000);
    const placed = await api('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price, volume: '0.0002' });
    expect(placed.status).toBe(201);
    const orderId = (placed.body as { orderId: string }).orderId;
    const listed = async (status: string): Promise<void> =>
      expect(((await api('GET', '/api/v1/orders?market=KRW-BTC')).body as OrderRow[]).find((order) => order.orderId === orderId)).toEqual(expect.objectContaining({ status }));
    await eventually(() => listed('accepted'), { timeoutMs: 10_000 });
    expect((await api('DELETE', `/api/v1/orders/${orderId}`)).status).toBe(202);
    await eventually(() => listed('cancelled'), { timeoutMs: 10_000 });
    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });

    // Where it lives: the events and the order read model in schema trader_e2e; the files in TRADER_DATA_DIR.
    const db = new PgSyncDatabase(pg.url, { schema: 'trader_e2e' });
    try {
      const [events] = db.query("SELECT COUNT(*)::int AS n FROM events WHERE payload LIKE '%' || $1 || '%'", [orderId]).rows as { n: number }[];
      expect(events?.n).toBeGreaterThanOrEqual(3);
      expect(db.query('SELECT status FROM rm_orders WHERE "orderId" = $1', [orderId]).rows).toEqual([{ status: 'cancelled' }]);
    } finally {
      db.close();
    }
    expect(existsSync(join(dir, 'recorded-market.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'trader.db'))).toBe(false);
    const firstRun = trader.output();

    trader = startTrader(env);
    api = adminApi(await listeningUrl(trader), token);
    await eventually(() => listed('cancelled'), { timeoutMs: 30_000 });
    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });
    expect(`${firstRun}${trader.output()}`).not.toContain('s3cret');
  }, 120_000);
});
