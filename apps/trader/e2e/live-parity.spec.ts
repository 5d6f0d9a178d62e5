import type { StoredEvent } from '@trader/application';
import { SqliteEventStore, WriteLock } from '@trader/events';
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
const MIN = 60_000;

/** A strategy that decides every few minutes on the simulator: a short RSI entry and tight exits. */
const busy = {
  id: 'parity-busy',
  name: 'Parity check: busy RSI(2)',
  version: 1,
  enabled: true,
  markets: ['KRW-XRP'],
  timeframe: '1m',
  sizing: { kind: 'fixed_quote', amount: '10000' },
  triggers: [{ id: 'rsi2-under-45', kind: 'entry', condition: { left: { variable: 'rsi', params: { period: 2 } }, operator: '<', right: { value: 45 } } }],
  management: [
    { id: 'take-profit', kind: 'take_profit', profitPercent: 0.1, basis: 'average', afterPyramiding: false },
    { id: 'stop-loss', kind: 'stop_loss', lossPercent: 0.1 },
  ],
  conflictPolicy: { kind: 'conservative' },
};

function liveEvents(path: string): StoredEvent[] {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    return [...new SqliteEventStore(db, new WriteLock(), { clock: { now: () => 0 } }).readAll(1)];
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
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: dbPath, TRADER_MARKETS: 'KRW-BTC,KRW-ETH,KRW-XRP' });
    const url = await listeningUrl(trader);
    const defined = await fetch(`${url}/api/v1/strategies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(busy),
    });
    expect(defined.status).toBe(201);

    const decisionsOf = (events: StoredEvent[]) => events.filter((e) => e.type === 'StrategyDecided' && (e.data as { strategyId: string }).strategyId === busy.id);
    await eventually(() => expect(decisionsOf(liveEvents(dbPath)).length).toBeGreaterThanOrEqual(4), { timeoutMs: 240_000, intervalMs: 2_000 });
    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });

    const events = liveEvents(dbPath);
    const definedAt = (events.find((e) => e.type === 'StrategyDefined' && (e.data as { definition: { id: string } }).definition.id === busy.id)?.data as { at: number }).at;
    const recording = await SqliteMarketHistory.open(join(dir, 'recorded-market.sqlite'), { readonly: true });
    try {
      // The strategy warmed up on the candles closed when it was loaded, just after its definition:
      // the replay starts where that warm-up ends (or at the definition, if no minute ended between).
      const warmUp = [...recording.candles('KRW-XRP', '1m', definedAt - 300 * MIN, definedAt + MIN)];
      const lastWarmUp = warmUp.filter((c) => c.start + MIN <= definedAt + 1_000).at(-1);
      const from = Math.max(definedAt, lastWarmUp ? lastWarmUp.start + MIN : definedAt);
      const trades = [...recording.trades('KRW-XRP', from, Number.MAX_SAFE_INTEGER)];
      const to = (trades.at(-1)?.timestamp ?? from) + 1;
      const diff = await replaySession({
        livePath: dbPath,
        recording,
        strategyId: busy.id,
        from,
        to,
        initialQuote: '10000000',
        feeRate: '0.0005',
        risk: loadTraderConfig({}).risk,
      });
      expect(diff.live.length).toBeGreaterThanOrEqual(4);
      expect(diff.divergent).toEqual([]);
    } finally {
      recording.close();
    }
  }, 330_000);
});
