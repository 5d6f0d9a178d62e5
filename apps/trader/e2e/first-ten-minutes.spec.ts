import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@trader/runtime';
import { adminApi, listeningUrl, RunningTrader, startTrader } from './trader-process';

const token = 'first-ten-minutes-token-0123';

interface StoredEventRow {
  type: string;
  data: { strategyId?: string; market?: string; outcome?: string; decision?: { action?: string; ruleId?: string } };
}

/**
 * The "first ten minutes": a fresh trader with its defaults (paper mode, in-process simulator,
 * the reference strategy basic-seven-rules on KRW-BTC and KRW-ETH) places its first paper order
 * within 10 minutes. The seed is fixed; the simulator's market opens into the default model moment
 * (TRADER_SIM_MODEL_START), where the first RSI(14) < 30 close comes about 2-3 minutes after start.
 */
describe('the first ten minutes of a fresh trader', () => {
  let trader: RunningTrader | undefined;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trader-first-minutes-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
  });

  it('places its first paper order from the reference strategy\'s RSI entry within 10 minutes of start', async () => {
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: join(dataDir, 'trader.db'), TRADER_SIM_SEED: '1' });
    const url = await listeningUrl(trader);
    const api = adminApi(url, token);

    const decided = await eventually(
      async () => {
        const { body } = await api('GET', '/api/v1/events?type=StrategyDecided&limit=1000');
        const requested = (body as { events: StoredEventRow[] }).events.filter((e) => e.data.outcome === 'order_requested');
        expect(requested.length).toBeGreaterThan(0);
        return requested[0];
      },
      { timeoutMs: 10 * 60_000, intervalMs: 1_000 },
    );
    expect(decided.data).toMatchObject({ strategyId: 'basic-seven-rules', outcome: 'order_requested', decision: { action: 'enter', ruleId: 'rsi-oversold-entry' } });
    expect(['KRW-BTC', 'KRW-ETH']).toContain(decided.data.market);
    const submitted = await eventually(
      async () => {
        const { body } = await api('GET', '/api/v1/events?type=OrderSubmitted&limit=10');
        const events = (body as { events: StoredEventRow[] }).events;
        expect(events.length).toBeGreaterThan(0);
        return events;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(submitted[0]?.type).toBe('OrderSubmitted');

    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });
  }, 11 * 60_000);
});
