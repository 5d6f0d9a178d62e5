import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@trader/runtime';
import { adminApi, listeningUrl, quickRoundTripStrategy, RunningTrader, startTrader } from './trader-process';

const token = 'e2e-token-0123456789abcdef';
const COOLDOWN_MS = 15_000;

interface Lock {
  scope: string;
  market?: string;
  protection: string;
  reason: string;
  until: number;
}

describe('protections end to end (the built process, its in-process simulator)', () => {
  let trader: RunningTrader | undefined;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trader-protections-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
  });

  it('a cooldown from the strategy definition locks the market after an exit, denies the next entry there, and lets it through after', async () => {
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: join(dataDir, 'trader.db'), TRADER_MARKETS: 'KRW-BTC,KRW-ETH,KRW-XRP' });
    const api = adminApi(await listeningUrl(trader), token);
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 20_000 });

    // The quick round trip enters at once and exits on a 0.02% move; its definition carries the cooldown.
    const protections = { cooldown: { periodMs: COOLDOWN_MS } };
    expect((await api('POST', '/api/v1/strategies', { ...quickRoundTripStrategy, protections })).status).toBe(201);
    await eventually(async () => expect((await api('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ protections })), { timeoutMs: 10_000 });

    // An exit closes the trade: KRW-XRP is locked, as GET /risk shows with its end.
    const lock = await eventually(
      async () => {
        const { locks } = (await api('GET', '/api/v1/risk')).body as { locks: Lock[] };
        const found = locks.find((l) => l.market === 'KRW-XRP' && l.protection === 'cooldown');
        expect(found).toEqual(expect.objectContaining({ scope: 'market', until: expect.any(Number) }));
        return found as Lock;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(lock.until).toBeGreaterThan(Date.now());
    // No more round trips (each would start a new cooldown): what follows is about this lock.
    expect((await api('POST', '/api/v1/strategies/quick-round-trip/disable')).status).toBe(204);

    const entry = { market: 'KRW-XRP', side: 'buy', orderType: 'market', funds: '10000' };
    const denied = await api('POST', '/api/v1/orders', entry);
    expect(denied).toEqual({ status: 422, body: expect.objectContaining({ detail: expect.stringContaining('protection_cooldown') }) });
    const deniedEvents = (await api('GET', '/api/v1/events?type=OrderDenied&limit=1000')).body as { events: Array<{ data: { reasonCode: string } }> };
    expect(deniedEvents.events.map((e) => e.data.reasonCode)).toContain('protection_cooldown');

    // Once its time has passed (and any later round trip's too), the lock is gone and the entry passes.
    await eventually(async () => expect((await api('GET', '/api/v1/risk')).body).toEqual(expect.objectContaining({ locks: [] })), { timeoutMs: COOLDOWN_MS + 20_000, intervalMs: 250 });
    expect(Date.now()).toBeGreaterThanOrEqual(lock.until);
    expect(await api('POST', '/api/v1/orders', entry)).toEqual({ status: 201, body: expect.objectContaining({ status: 'submitted' }) });
    const unlocked = (await api('GET', '/api/v1/events?type=EntriesUnlocked&limit=1000')).body as { events: Array<{ data: { market?: string; protection: string } }> };
    expect(unlocked.events.map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ market: 'KRW-XRP', protection: 'cooldown' })]));

    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });
  }, 150_000);
});
