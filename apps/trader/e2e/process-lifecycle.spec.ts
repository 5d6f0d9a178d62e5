import { AddressInfo, createServer, Server } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@trader/runtime';
import { componentEvents, listeningUrl, RunningTrader, startTrader } from './trader-process';

const lifecycleToken = 'lifecycle-token-0123456789';

describe('the trader process (built, spawned for real)', () => {
  let trader: RunningTrader | undefined;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trader-e2e-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
  });

  it('serves /health on 127.0.0.1 and stops cleanly on SIGTERM, stopping components in reverse order', async () => {
    trader = startTrader({ TRADER_PORT: '0', TRADER_DB: join(dataDir, 'lifecycle.db'), TRADER_TOKEN: lifecycleToken });
    const running = trader;
    const url = await listeningUrl(running);

    // Start-up work can hold the loop past the guard's threshold on a busy machine: wait for it to settle.
    const health = await eventually(
      async () => {
        const response = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${lifecycleToken}` } });
        expect(response.status).toBe(200);
        const body = (await response.json()) as {
          status: string;
          kernel: { state: string; components: { name: string; state: string }[] };
          loop: { p99Ms: number; mode: string };
          tasks: { name: string; owner: string }[];
        };
        expect(body.status).toBe('up');
        return body;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(health.kernel.state).toBe('running');
    expect(health.kernel.components.map((c) => c.name).sort()).toEqual(
      ['loop-guard', 'tasks', 'upbit-http', 'upbit-rate-limiter', 'upbit-rest', 'upbit-websocket', 'store-lease', 'event-store', 'trading', 'live-state', 'standby-events', 'simulator', 'http'].sort(),
    );
    expect(health.kernel.components.every((c) => c.state === 'running')).toBe(true);
    expect(health.loop.mode).toBe('report');
    expect(health.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'kernel-health', owner: 'runtime' }), expect.objectContaining({ name: 'live-state.balance-reconcile', owner: 'live-state' })]),
    );
    const anonymous = await fetch(`${url}/health`);
    expect(anonymous.status).toBe(200);
    // Without the token: the status and role only, no details. (The status itself was checked above;
    // a busy machine can make the loop guard report `degraded` a moment later.)
    expect(await anonymous.json()).toEqual({ status: expect.stringMatching(/^(up|degraded)$/), role: 'active' });

    running.child.kill('SIGTERM');
    const exit = await running.exited;
    expect(exit).toEqual({ code: 0, signal: null });

    const started = componentEvents(running.output(), 'started');
    const stopped = componentEvents(running.output(), 'stopped');
    expect(started[0]).toBe('loop-guard');
    expect(started.at(-1)).toBe('http');
    expect(started.indexOf('simulator')).toBeLessThan(started.indexOf('upbit-websocket'));
    expect(started.indexOf('event-store')).toBeLessThan(started.indexOf('trading'));
    // The SQLite store's lease is held for as long as the event store runs.
    expect(started.indexOf('store-lease')).toBeLessThan(started.indexOf('event-store'));
    expect(started.indexOf('upbit-websocket')).toBeLessThan(started.indexOf('live-state'));
    expect(stopped).toEqual([...started].reverse());
  }, 30_000);

  it('requires the bearer token on the admin API, and keeps a generated one out of the log, in a 0600 file beside the database', async () => {
    const tokenDir = join(dataDir, 'token');
    trader = startTrader({ TRADER_PORT: '0', TRADER_DB: join(tokenDir, 'token.db') });
    const running = trader;
    const url = await listeningUrl(running);
    const tokenFile = join(tokenDir, 'admin-token');
    expect(running.output()).toContain(`admin API token (generated for this run; set TRADER_TOKEN to choose your own) is in ${tokenFile}`);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const anonymous = await fetch(`${url}/api/v1/runtime`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(await anonymous.json()).toEqual(expect.objectContaining({ status: 401, detail: expect.stringContaining('bearer token') }));
    expect((await fetch(`${url}/api/v1/runtime`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);

    const authorised = await fetch(`${url}/api/v1/runtime`, { headers: { authorization: `Bearer ${token}` } });
    expect(authorised.status).toBe(200);
    expect(await authorised.json()).toEqual(expect.objectContaining({ kernel: expect.objectContaining({ state: 'running' }) }));
    expect((await fetch(`${url}/health`)).status).toBe(200);

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.output()).not.toContain(token);
  }, 30_000);

  it('refuses to start in live mode without TRADER_TOKEN, naming it, with exit code 1', async () => {
    trader = startTrader({ TRADER_MODE: 'live', UPBIT_ACCESS_KEY: 'access-key-0123', UPBIT_SECRET_KEY: 'secret-key-0123', TRADER_DB: join(dataDir, 'live.db') });
    expect((await trader.exited).code).toBe(1);
    expect(trader.output()).toContain('Invalid setting TRADER_TOKEN="": live mode needs an admin token');
  }, 30_000);

  it('refuses to start on an invalid setting, naming it, with exit code 1', async () => {
    trader = startTrader({ TRADER_PORT: 'eighty' });
    const exit = await trader.exited;
    expect(exit.code).toBe(1);
    expect(trader.output()).toContain('Invalid setting TRADER_PORT="eighty": expected a whole number');
  }, 30_000);

  it('fails start-up with a clear message and exit code 1 when its port is taken', async () => {
    const blocker = await new Promise<Server>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
    const port = (blocker.address() as AddressInfo).port;
    try {
      trader = startTrader({ TRADER_PORT: String(port), TRADER_DB: join(dataDir, 'port.db') });
      const exit = await trader.exited;
      expect(exit.code).toBe(1);
      expect(trader.output()).toContain('Start-up failed: component "http" did not start');
      const started = componentEvents(trader.output(), 'started');
      expect(componentEvents(trader.output(), 'stopped')).toEqual([...started].reverse());
      expect(started).toContain('event-store');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 30_000);
});
