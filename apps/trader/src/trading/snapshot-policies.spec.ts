import { DeciderRepository } from '@trader/application';
import { ManualClock, marketExposure, riskPolicyDecider, tradingSessionDecider } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { silentLogger, TaskManager } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTraderConfig } from '../config/load-trader-config';
import { riskSnapshots, sessionSnapshots, SNAPSHOT_EVERY } from './snapshot-policies';

describe('snapshots of the session and the risk policy (real SQLite)', () => {
  let dir: string;
  let runtime: EventStoreRuntime;
  let tasks: TaskManager;
  const clock = new ManualClock(Date.UTC(2026, 10, 23));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-snapshots-'));
    tasks = new TaskManager(clock, silentLogger);
    runtime = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock, tasks });
  });
  afterEach(async () => {
    await runtime.stop();
    await tasks.shutdown(1_000);
    rmSync(dir, { recursive: true, force: true });
  });

  let ids = 0;
  const common = () => ({ store: runtime.store, now: () => clock.now(), newEventId: () => `e-${(ids += 1)}` });

  it('loads the risk policy from a snapshot to exactly the state a full fold gives, decimals included', async () => {
    const withSnapshots = new DeciderRepository({ ...common(), aggregateType: 'risk', decider: riskPolicyDecider, snapshots: riskSnapshots(runtime.snapshots) });
    const foldOnly = new DeciderRepository({ ...common(), aggregateType: 'risk', decider: riskPolicyDecider });
    await withSnapshots.handle('main', { type: 'ConfigureRiskLimits', data: { limits: loadTraderConfig({}).risk, at: clock.now() } });
    // A buy pending, part of it traded but not yet in the position, and a loss of the day before.
    await withSnapshots.handle('main', { type: 'CheckOrder', data: { orderId: 'b-1', market: 'KRW-ETH', intent: 'entry', notional: '1000000', at: clock.now() } });
    await withSnapshots.handle('main', { type: 'RecordBuyFill', data: { orderId: 'b-1', market: 'KRW-ETH', tradeId: 't-1', funds: '250000.5', at: clock.now() } });
    await withSnapshots.handle('main', { type: 'RecordRealizedPnl', data: { amount: '-7.5', filledAt: clock.now() - 86_400_000, at: clock.now() } });
    // A protection with a lock in force, a closed trade it keeps, and a trade open on KRW-ETH.
    await withSnapshots.handle('main', { type: 'ConfigureProtections', data: { protections: { cooldown: { periodMs: 86_400_000 }, lowProfitMarkets: { minProfit: '0', tradeLimit: 5, lookbackMs: 86_400_000, lockMs: 60_000 } }, at: clock.now() } });
    await withSnapshots.handle('main', { type: 'RecordTradeClosed', data: { market: 'KRW-XRP', closedAt: clock.now(), at: clock.now() } });
    for (let i = 1; i <= SNAPSHOT_EVERY + 20; i += 1) {
      await withSnapshots.handle('main', { type: 'RecordExposure', data: { market: 'KRW-BTC', costBasis: `${i}.125`, at: clock.now() } });
      await withSnapshots.handle('main', { type: 'RecordRealizedPnl', data: { amount: '-0.01', filledAt: clock.now(), at: clock.now() } });
    }
    expect(runtime.snapshots.load('risk-main')?.streamVersion).toBeGreaterThanOrEqual(SNAPSHOT_EVERY);
    const fromSnapshot = await withSnapshots.load('main');
    const folded = await foldOnly.load('main');
    expect(fromSnapshot.version).toBe(folded.version);
    expect(JSON.stringify(riskSnapshots(runtime.snapshots).toJson?.(fromSnapshot.state))).toBe(JSON.stringify(riskSnapshots(runtime.snapshots).toJson?.(folded.state)));
    expect(fromSnapshot.state.exposure['KRW-BTC']?.toFixed()).toBe(`${SNAPSHOT_EVERY + 20}.125`);
    expect(fromSnapshot.state.dailyRealizedPnl.toFixed()).toBe('-2.2');
    expect(fromSnapshot.state.earlierDays['2026-11-22']?.toFixed()).toBe('-7.5');
    expect(marketExposure(fromSnapshot.state, 'KRW-ETH').toFixed()).toBe('1000000');
    expect(fromSnapshot.state.pendingBuys['b-1']?.remaining.toFixed()).toBe('749999.5');
    expect(fromSnapshot.state.locks).toEqual([expect.objectContaining({ market: 'KRW-XRP', protection: 'cooldown' })]);
    expect(fromSnapshot.state.closedTrades).toHaveLength(1);
    expect(fromSnapshot.state.openTrades['KRW-ETH']).toEqual({ cost: '250000.5', profit: '0' });
  });

  it('loads the session from a snapshot to the state a full fold gives', async () => {
    const withSnapshots = new DeciderRepository({ ...common(), aggregateType: 'session', decider: tradingSessionDecider, snapshots: sessionSnapshots(runtime.snapshots) });
    const foldOnly = new DeciderRepository({ ...common(), aggregateType: 'session', decider: tradingSessionDecider });
    await withSnapshots.handle('main', { type: 'StartTrading', data: { at: clock.now() } });
    for (let i = 0; i < SNAPSHOT_EVERY; i += 1) {
      await withSnapshots.handle('main', { type: 'BeginOrder', data: { orderId: `o-${i}`, intent: 'entry', at: clock.now() } });
      if (i % 2 === 0) await withSnapshots.handle('main', { type: 'EndOrder', data: { orderId: `o-${i}`, at: clock.now() } });
    }
    expect(runtime.snapshots.load('session-main')).toBeDefined();
    expect(await withSnapshots.load('main')).toEqual(await foldOnly.load('main'));
  });
});
