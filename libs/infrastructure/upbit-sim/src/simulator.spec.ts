import { ManualSimClock } from './clock/sim-clock';
import { MarketConfigError } from './engine/market-catalog';
import { startSimulator } from './simulator';
import { SimulatorOptionsError } from './simulator-options';
import { eventually } from './test-support/eventually';
import { SimWsClient } from './test-support/sim-client';
import { T0, startTestSimulator } from './test-support/test-simulator';

const active = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

describe('Simulator lifecycle', () => {
  it('listens on 127.0.0.1 on a free port and returns its URLs and demo keys', async () => {
    const sim = await startSimulator({ clock: new ManualSimClock(T0), warmup: false });
    try {
      expect(sim.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(sim.wsUrl).toBe(`${sim.baseUrl.replace('http', 'ws')}/websocket/v1`);
      expect(sim.privateWsUrl).toBe(`${sim.baseUrl.replace('http', 'ws')}/websocket/v1/private`);
      expect(sim.accounts).toEqual([{ accessKey: 'sim-demo-access-key', secretKey: 'sim-demo-secret-key-0123456789abcdef' }]);
      const book = (await (await fetch(`${sim.restUrl}/orderbook?markets=KRW-BTC`)).json()) as Array<{ orderbook_units: unknown[] }>;
      expect(book[0].orderbook_units).toHaveLength(30);
      const tickers = (await (await fetch(`${sim.restUrl}/ticker/all?quote_currencies=KRW`)).json()) as unknown[];
      expect(tickers).toHaveLength(3);
    } finally {
      await sim.close();
    }
  });

  it('close() cancels every timer it scheduled on the clock and closes every socket', async () => {
    const { sim, clock } = await startTestSimulator();
    const ws = await SimWsClient.open(sim.wsUrl);
    sim.admin.injectRestFault({ path: '/market/all', phase: 'before', action: { kind: 'delay', ms: 60_000 } });
    const delayed = fetch(`${sim.restUrl}/market/all`).then(
      () => 'answered',
      () => 'failed',
    );
    await eventually(() => (clock.pendingTimers() >= 3 ? true : undefined), 3000, 'tick, idle and delay timers');

    await sim.close();

    expect(clock.pendingTimers()).toBe(0);
    expect(await ws.waitClosed()).toBe(1006);
    expect(await delayed).toBe('failed');
    await expect(fetch(`${sim.restUrl}/market/all`)).rejects.toThrow();
  });

  it('leaves no Node timers or server sockets behind on the system clock', async () => {
    const timersBefore = active('Timeout');
    const serversBefore = active('TCPServerWrap');
    const sim = await startSimulator({ warmup: { steps: 5, stepMs: 60_000 }, tickIntervalMs: 50 });
    const ws = await SimWsClient.open(sim.wsUrl);
    expect(active('Timeout')).toBeGreaterThan(timersBefore);
    await sim.close();
    await ws.waitClosed();
    expect(active('TCPServerWrap')).toBe(serversBefore);
    await eventually(() => (active('Timeout') <= timersBefore ? true : undefined), 3000, 'timers to be released');
  });

  it('refuses invalid options with typed errors naming the value', async () => {
    await expect(startSimulator({ tickIntervalMs: 0 })).rejects.toThrow(SimulatorOptionsError);
    await expect(startSimulator({ markets: [] })).rejects.toThrow(SimulatorOptionsError);
    await expect(startSimulator({ markets: ['KRW-UNKNOWNCOIN'] })).rejects.toThrow(MarketConfigError);
    await expect(startSimulator({ markets: ['btc'] })).rejects.toMatchObject({ code: 'INVALID_MARKET_CONFIG', value: 'btc' });
  });

  it('lists a market that is not in the catalogue when given its starting price', async () => {
    const sim = await startSimulator({ clock: new ManualSimClock(T0), warmup: false, markets: [{ market: 'KRW-FOO', initialPrice: '1234', koreanName: '푸' }] });
    try {
      const markets = await (await fetch(`${sim.restUrl}/market/all`)).json();
      expect(markets).toEqual([{ market: 'KRW-FOO', korean_name: '푸', english_name: 'FOO' }]);
    } finally {
      await sim.close();
    }
  });
});
