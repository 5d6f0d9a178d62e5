import type { StoredEvent } from '@trader/application';
import { SqliteEventStore } from '@trader/events';
import { SqliteMarketHistory } from '@trader/market-history';
import { eventually } from '@trader/runtime';
import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaySession } from '../src/backtest/replay-session';
import { loadTraderConfig } from '../src/config/load-trader-config';
import { adminApi, listeningUrl, RunningTrader, startTrader } from './trader-process';

const token = 'first-ten-minutes-token-0123';

interface StoredEventRow {
  type: string;
  data: { strategyId?: string; market?: string; outcome?: string; decision?: { action?: string; ruleId?: string } };
}

function liveEvents(path: string): StoredEvent[] {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    return [...new SqliteEventStore(db, { clock: { now: () => 0 } }).readAll(1)];
  } finally {
    db.close();
  }
}

/**
 * One fresh trader with its defaults (paper mode, in-process simulator with seed 1, the reference
 * strategy basic-seven-rules on KRW-BTC and KRW-ETH), checked twice, in order, on the same run:
 * - the "first ten minutes": it places its first paper order within 10 minutes. The simulator's
 *   market opens into the default model moment (TRADER_SIM_MODEL_START), where the first RSI(14) < 30
 *   close comes about 2-3 minutes after start;
 * - live parity: its session, replayed from the market data it recorded through the backtest engine,
 *   decides exactly the same.
 * Both wait for the same minutes of the same market (the second goes on to the first fill), so they
 * share the trader instead of waiting for them twice.
 */
describe('a fresh trader with its defaults', () => {
  let trader: RunningTrader;
  let dir: string;
  let dbPath: string;
  let api: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-first-minutes-'));
    dbPath = join(dir, 'trader.db');
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: dbPath, TRADER_SIM_SEED: '1' });
    api = adminApi(await listeningUrl(trader), token);
  }, 120_000);
  afterAll(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it("places its first paper order from the reference strategy's RSI entry within 10 minutes of start", async () => {
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
  }, 11 * 60_000);

  it('replayed through the backtest engine from its recording, the same session decides exactly the same (zero divergent decisions)', async () => {
    const decisionsOf = (events: StoredEvent[]) => events.filter((e) => e.type === 'StrategyDecided');
    const filled = (events: StoredEvent[]) => events.filter((e) => e.type === 'OrderFilled');
    await eventually(() => expect(filled(liveEvents(dbPath)).length).toBeGreaterThanOrEqual(1), { timeoutMs: 600_000, intervalMs: 2_000 });
    // A little longer, so the replay also covers the time after the fill (management rules on an open position).
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });

    const recording = await SqliteMarketHistory.open(join(dir, 'recorded-market.sqlite'), { readonly: true });
    try {
      // The strategy was loaded and warmed up before the trade stream was subscribed: the first
      // recorded trade is the first one the live runner saw.
      const trades = ['KRW-BTC', 'KRW-ETH'].flatMap((market) => [...recording.trades(market, 0, Number.MAX_SAFE_INTEGER)]);
      const from = Math.min(...trades.map((t) => t.timestamp));
      const to = Math.max(...trades.map((t) => t.timestamp)) + 1;
      const diff = await replaySession({
        livePath: dbPath,
        recording,
        strategyId: 'basic-seven-rules',
        from,
        to,
        initialQuote: '10000000',
        feeRate: '0.0005',
        risk: loadTraderConfig({}).risk,
      });
      expect(diff.live.length).toBe(decisionsOf(liveEvents(dbPath)).length);
      expect(diff.live.length).toBeGreaterThanOrEqual(1);
      expect(diff.divergent).toEqual([]);
    } finally {
      recording.close();
    }
  }, 700_000);
});
