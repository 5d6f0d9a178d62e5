import { DeciderRepository, SESSION_AGGREGATE, SESSION_ID } from '@trader/application';
import { ManualClock, tradingSessionDecider } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { silentLogger, TaskManager } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEED_DOWN_HALT, FeedHalt } from './feed-halt';

describe('FeedHalt (real SQLite session stream)', () => {
  let dir: string;
  let runtime: EventStoreRuntime;
  let tasks: TaskManager;
  const clock = new ManualClock(Date.UTC(2026, 10, 30));
  let ids = 0;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-feed-halt-'));
    tasks = new TaskManager(clock, silentLogger);
    runtime = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock, tasks });
  });
  afterEach(async () => {
    await runtime.stop();
    await tasks.shutdown(1_000);
    rmSync(dir, { recursive: true, force: true });
  });

  const sessionRepository = () =>
    new DeciderRepository({ aggregateType: SESSION_AGGREGATE, decider: tradingSessionDecider, store: runtime.store, now: () => clock.now(), newEventId: () => `e-${(ids += 1)}` });

  it('halts a session that starts trading while a feeding loop is already down, and resumes it when the loop is back', async () => {
    const session = sessionRepository();
    const halt = new FeedHalt(session, clock);

    // The loop goes down during the start-up reconciliation: the session is idle, nothing to halt yet.
    await halt.loopDown('trading.trades');
    expect((await session.load(SESSION_ID)).state.mode).toBe('idle');

    await session.handle(SESSION_ID, { type: 'StartTrading', data: { at: clock.now() } });
    await halt.tradingStarted();
    expect((await session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'halted', haltReason: FEED_DOWN_HALT }));

    await halt.loopUp('trading.trades');
    expect((await session.load(SESSION_ID)).state).toEqual(expect.objectContaining({ mode: 'trading', haltReason: null }));
    expect([...runtime.store.readStream(`${SESSION_AGGREGATE}-${SESSION_ID}`)].map((e) => e.type)).toEqual(['TradingStarted', 'TradingHalted', 'TradingResumed']);
  });

  it('leaves a session that starts trading alone when every loop is up', async () => {
    const session = sessionRepository();
    const halt = new FeedHalt(session, clock);
    await halt.loopDown('trading.trades');
    await halt.loopUp('trading.trades');

    await session.handle(SESSION_ID, { type: 'StartTrading', data: { at: clock.now() } });
    await halt.tradingStarted();

    expect((await session.load(SESSION_ID)).state.mode).toBe('trading');
  });
});
