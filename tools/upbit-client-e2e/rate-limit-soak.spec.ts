import { Dec } from '@trader/domain';
import { startHarness } from './client-harness';

// The acceptance run is two minutes (`UPBIT_SOAK_MS=120000`, see docs/upbit-client.md); the regular
// suite runs a short soak so the whole project stays quick.
const SOAK_MS = Number(process.env['UPBIT_SOAK_MS'] ?? 3_000);

describe('Upbit client: rate-limit soak against the simulator', () => {
  it(
    `sends above the allowed rate from several callers for ${SOAK_MS} ms and gets zero 429s`,
    async () => {
      const h = await startHarness({ tickIntervalMs: 200 });
      try {
        const deadline = Date.now() + SOAK_MS;
        const { gateway, queries } = h.client;
        const [ticker] = await queries.getTickers(['KRW-BTC']);
        const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(1_000).floor().times(1_000);
        let testOrders = 0;
        // Each caller keeps several requests in flight, far above its group's budget.
        const callers: Array<[string, () => Promise<unknown>]> = [
          ['ticker-a', () => queries.getTickers(['KRW-BTC'])],
          ['ticker-b', () => queries.getTickers(['KRW-ETH', 'KRW-XRP'])],
          ['orderbook', () => queries.getOrderBooks({ markets: ['KRW-BTC'] })],
          ['trades', () => queries.getTrades({ market: 'KRW-ETH', count: 10 })],
          ['candles', () => queries.getCandles({ market: 'KRW-BTC', candle: { unit: 'minutes', minutes: 1 }, count: 10 })],
          ['accounts', () => gateway.getAccounts()],
          ['open-orders', () => gateway.getOpenOrders({ market: 'KRW-BTC' })],
          [
            'order-test',
            () => {
              testOrders += 1;
              return gateway.testOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price, volume: new Dec('0.001'), identifier: `soak-${testOrders}` });
            },
          ],
          ['cancel-all', () => gateway.cancelAllOrders({ pairs: ['KRW-BTC'] })],
        ];
        const completed = new Map<string, number>();
        const failures: string[] = [];
        const loop = async (name: string, call: () => Promise<unknown>): Promise<void> => {
          while (Date.now() < deadline) {
            try {
              await call();
              // Rates count what completed inside the soak window; queued calls finish after it.
              if (Date.now() <= deadline) completed.set(name, (completed.get(name) ?? 0) + 1);
            } catch (error) {
              failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        };
        await Promise.all(callers.flatMap(([name, call]) => Array.from({ length: name === 'cancel-all' ? 2 : 4 }, () => loop(name, call))));

        const stats = h.client.rest.stats();
        expect({ status429: stats.status429, status418: stats.status418, failures }).toEqual({ status429: 0, status418: 0, failures: [] });
        const seconds = SOAK_MS / 1_000;
        // Upbit's limit over the run: `limit` per window, plus one window for the run's two edges.
        const allowed = (limit: number, windowMs: number): number => limit * (Math.floor(SOAK_MS / windowMs) + 1);
        // Two callers share the ticker group: together they stay within 10/s.
        const tickers = (completed.get('ticker-a') ?? 0) + (completed.get('ticker-b') ?? 0);
        expect(tickers).toBeLessThanOrEqual(allowed(10, 1_000));
        expect(tickers / seconds).toBeGreaterThan(5);
        expect(completed.get('cancel-all') ?? 0).toBeLessThanOrEqual(allowed(1, 2_000));
        process.stdout.write(
          `soak ${SOAK_MS} ms: ${[...completed].map(([name, n]) => `${name}=${(n / seconds).toFixed(2)}/s`).join(' ')} 429s=${stats.status429}\n`,
        );
      } finally {
        await h.close();
      }
    },
    SOAK_MS * 2 + 30_000,
  );
});
