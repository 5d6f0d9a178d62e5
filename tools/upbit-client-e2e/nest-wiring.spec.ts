import 'reflect-metadata';
import { MARKET_DATA_FEED, MARKET_DATA_QUERIES, MarketDataFeed, MarketDataQueries } from '@trader/application';
import { AppKernel, RuntimeModule, TaskManager, eventually, silentLogger } from '@trader/runtime';
import { UpbitCredentials, UpbitModule } from '@trader/upbit';
import { RunningSimulator, startSimulator } from '@trader/upbit-sim';
import { Test } from '@nestjs/testing';

describe('UpbitModule in the kernel, against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ warmup: false, tickIntervalMs: 50 });
  });
  afterAll(() => sim.close());

  it('serves the ports once the kernel started, and stops every task and socket with it', async () => {
    const account = sim.accounts[0];
    const moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeModule.forRoot({ logger: silentLogger }),
        UpbitModule.forRoot({
          restUrl: sim.restUrl,
          publicWsUrl: sim.wsUrl,
          privateWsUrl: sim.privateWsUrl,
          credentials: new UpbitCredentials(account.accessKey, account.secretKey),
        }),
      ],
    }).compile();
    const kernel = moduleRef.get(AppKernel);
    await kernel.start();
    try {
      const queries = moduleRef.get<MarketDataQueries>(MARKET_DATA_QUERIES);
      await expect(queries.getTickers(['KRW-BTC'])).resolves.toHaveLength(1);
      const feed = moduleRef.get<MarketDataFeed>(MARKET_DATA_FEED);
      const subscription = feed.subscribe({ kind: 'trade', markets: ['KRW-BTC'] });
      await expect(subscription.next()).resolves.toEqual(expect.objectContaining({ kind: 'trade', market: 'KRW-BTC' }));
      subscription.close();
      expect(kernel.status().components.filter((c) => c.name.startsWith('upbit')).map((c) => c.state)).toEqual(['running', 'running', 'running', 'running']);
    } finally {
      await kernel.stop();
    }
    const tasks = moduleRef.get(TaskManager).list().filter((t) => t.owner === 'upbit-websocket');
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.state !== 'running' && t.state !== 'waiting')).toBe(true);
    await eventually(() => expect(sim.admin.webSocketConnections()).toBe(0));
    await moduleRef.close();
  });
});
