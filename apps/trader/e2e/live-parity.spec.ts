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
import { listeningUrl, RunningTrader, startTrader } from './trader-process';

const token = 'e2e-token-0123456789abcdef';

function liveEvents(path: string): StoredEvent[] {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    return [...new SqliteEventStore(db, { clock: { now: () => 0 } }).readAll(1)];
  } finally {
    db.close();
  }
}

describe('live parity: a paper session replayed through the backtest engine decides exactly the same', () => {
  let trader: RunningTrader | undefined;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-parity-'));
  });
  afterAll(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs paper trading on the simulator, replays the recording, and finds zero divergent decisions', async () => {
    const dbPath = join(dir, 'trader.db');
    // The default trader: the reference strategy on KRW-BTC and KRW-ETH, the simulator at its default
    // model moment, where the RSI entry fires within minutes (docs/simulator.md).
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: dbPath });
    await listeningUrl(trader);
    const decisionsOf = (events: StoredEvent[]) => events.filter((e) => e.type === 'StrategyDecided');
    const ordered = (events: StoredEvent[]) => events.filter((e) => e.type === 'OrderFilled');
    await eventually(() => expect(ordered(liveEvents(dbPath)).length).toBeGreaterThanOrEqual(1), { timeoutMs: 600_000, intervalMs: 2_000 });
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
