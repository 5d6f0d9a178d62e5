import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BreakableStreams } from '../test-support/breakable-streams';
import { harnessPaperExchange, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

interface RiskBody {
  limits: { maxOpenOrders: number; maxNotionalPerOrder: string } | null;
}

describe('risk limits across restarts (real SQLite file, the trading component running)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'risk-limits-restart-'));
  const databasePath = join(dir, 'trader.db');
  const exchange = harnessPaperExchange();
  let h: TradingAppHarness | null = null;
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the trader on the same file and exchange, with these settings, and returns its limits in force. */
  const restart = async (env: Record<string, string>): Promise<RiskBody['limits']> => {
    await h?.close();
    h = await startTradingApp({ databasePath, exchange, streams: new BreakableStreams(), env });
    return ((await h.call('GET', '/api/v1/risk')).body as RiskBody).limits;
  };
  const sources = (): unknown[] =>
    [...(h as TradingAppHarness).store.readStream('risk-main')].filter((e) => e.type === 'RiskLimitsConfigured').map((e) => [(e.data as { source: string }).source, (e.data as { limits: { maxOpenOrders: number } }).limits.maxOpenOrders]);

  it("keeps the operator's limits when the trader starts again, until the configured limits themselves change", async () => {
    // First start: the configuration's limits.
    expect(await restart({ TRADER_MAX_OPEN_ORDERS: '10' })).toEqual(expect.objectContaining({ maxOpenOrders: 10 }));

    // The operator tightens them through the admin API.
    const app = h as TradingAppHarness;
    const current = ((await app.call('GET', '/api/v1/risk')).body as { limits: Record<string, unknown> }).limits;
    expect((await app.call('PUT', '/api/v1/risk/limits', { ...current, maxOpenOrders: 2, maxNotionalPerOrder: '50000' })).status).toBe(204);

    // A restart (a crash, a deploy) with the same configuration keeps them: it must never loosen them.
    expect(await restart({ TRADER_MAX_OPEN_ORDERS: '10' })).toEqual(expect.objectContaining({ maxOpenOrders: 2, maxNotionalPerOrder: '50000' }));
    // The same settings written another way (an amount with a decimal point) are not a change.
    expect(await restart({ TRADER_MAX_OPEN_ORDERS: '10', TRADER_MAX_ORDER_KRW: '1000000.00' })).toEqual(expect.objectContaining({ maxOpenOrders: 2 }));

    // The operator changes the configuration: it applies, replacing the API's limits, once.
    expect(await restart({ TRADER_MAX_OPEN_ORDERS: '5' })).toEqual(expect.objectContaining({ maxOpenOrders: 5, maxNotionalPerOrder: '1000000' }));
    expect(await restart({ TRADER_MAX_OPEN_ORDERS: '5' })).toEqual(expect.objectContaining({ maxOpenOrders: 5 }));

    expect(sources()).toEqual([
      ['configuration', 10],
      ['operator', 2],
      ['configuration', 5],
    ]);
  });
});
