import { eventually, TaskManager } from '@trader/runtime';
import { BreakableStreams } from '../test-support/breakable-streams';
import { startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

interface RuntimeTask {
  name: string;
  state: string;
  restarts?: number;
  lastError?: string;
}

describe('feed loops (trading component, real store, injected stream faults)', () => {
  let h: TradingAppHarness;
  const streams = new BreakableStreams();
  beforeAll(async () => {
    h = await startTradingApp({ streams });
  });
  afterAll(() => h.close());

  const session = async (): Promise<{ mode: string; haltReason: string | null }> => (await h.call('GET', '/api/v1/session')).body as { mode: string; haltReason: string | null };
  // What GET /api/v1/runtime lists under `tasks`.
  const task = async (name: string): Promise<RuntimeTask | undefined> => h.moduleRef.get(TaskManager).list().find((t) => t.name === name);

  it.each([
    ['trading.my-orders', 'orders'],
    ['trading.trades', 'market'],
  ] as const)('restarts %s when its stream breaks, halting entries while it is down, without restarting the process', async (loop, kind) => {
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    const opened = streams.opened(kind);
    const restartsBefore = (await task(loop))?.restarts ?? 0;
    const haltsBefore = h.store.streamVersion('session-main');

    streams.break(kind);

    // Down: entries halted with the feed's reason; then up again on a fresh subscription, and resumed.
    await eventually(async () => expect(streams.opened(kind)).toBe(opened + 1), { timeoutMs: 15_000 });
    await eventually(async () => expect(await session()).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 15_000 });
    expect(await task(loop)).toEqual(expect.objectContaining({ state: 'running', restarts: restartsBefore + 1, lastError: `${kind} stream broken by the test` }));
    const sessionEvents = [...h.store.readStream('session-main', haltsBefore + 1)].map((e) => [e.type, (e.data as { reason?: string }).reason]);
    expect(sessionEvents).toEqual(expect.arrayContaining([['TradingHalted', 'feed_down'], ['TradingResumed', undefined]]));
    if (kind === 'orders') {
      // Order updates pushed while the loop was down are gone: it reconciles once it is back.
      await eventually(async () =>
        expect([...h.store.readStream('reconciliation')].filter((e) => e.type === 'ReconciliationStarted').map((e) => (e.data as { reason: string }).reason)).toContain('stream-gap'),
      );
    }
  });
});
