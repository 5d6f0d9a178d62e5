import type { ManagementRule, StrategyDefinition } from '@trader/domain';
import { basicSevenRulesStrategy } from '@trader/domain';
import { eventually } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BreakableStreams } from '../test-support/breakable-streams';
import { harnessLimits, harnessPaperExchange, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

/** Version 1 of the reference strategy as it shipped before issue 13: no entry pause after a crash exit. */
function referenceVersion1(): StrategyDefinition {
  const current = basicSevenRulesStrategy();
  const management = current.management.map((rule): ManagementRule => {
    if (rule.kind !== 'crash_exit') return rule;
    const { pauseEntriesMs: _dropped, ...crash } = rule;
    return crash;
  });
  return { ...current, version: 1, markets: ['KRW-BTC'], management };
}

const order = (side: 'buy' | 'sell', price: string) => ({ market: 'KRW-BTC', side, orderType: 'limit', price, volume: '0.001' });

describe('the reference strategy on a trader that stored version 1 (real SQLite file, paper exchange)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reference-upgrade-'));
  const databasePath = join(dir, 'trader.db');
  const exchange = harnessPaperExchange();
  let h: TradingAppHarness | null = null;
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets version 2 through the normal revision, deferred while its position is open, with history unedited', async () => {
    // A trader of before: version 1 defined and running, a position open on its market.
    const before = await startTradingApp({ databasePath, exchange });
    expect((await before.call('PUT', '/api/v1/risk/limits', harnessLimits)).status).toBe(204);
    await before.reconcile();
    expect((await before.call('POST', '/api/v1/strategies', referenceVersion1())).status).toBe(201);
    expect((await before.call('POST', '/api/v1/orders', order('buy', '100000000'))).status).toBe(201);
    await eventually(async () => expect((await before.call('GET', '/api/v1/positions')).body).toEqual([expect.objectContaining({ market: 'KRW-BTC', quantity: '0.001' })]));
    await before.close();

    // Started again with version 2 shipped: the revision waits for the position.
    h = await startTradingApp({ databasePath, exchange, streams: new BreakableStreams() });
    const app = h;
    const stream = () => [...app.store.readStream('strategy-basic-seven-rules')].map((e) => [e.type, (e.data as { definition?: StrategyDefinition }).definition?.version]);
    expect(stream()).toEqual([
      ['StrategyDefined', 1],
      ['StrategyRevisionDeferred', 2],
    ]);
    expect((await app.call('GET', '/api/v1/strategies/basic-seven-rules')).body).toEqual(expect.objectContaining({ version: 1 }));

    // The position closes: version 2 applies, keeping the markets and the enabled flag it had.
    await eventually(async () => expect((await app.call('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    expect((await app.call('POST', '/api/v1/orders', order('sell', '99999000'))).status).toBe(201);
    await eventually(async () => expect(stream().at(-1)).toEqual(['StrategyRevised', 2]), { timeoutMs: 15_000 });
    expect(stream()).toEqual([
      ['StrategyDefined', 1],
      ['StrategyRevisionDeferred', 2],
      ['StrategyRevised', 2],
    ]);
    expect((await app.call('GET', '/api/v1/strategies/basic-seven-rules')).body).toEqual({ ...basicSevenRulesStrategy(), markets: ['KRW-BTC'], enabled: true });
  });
});
