import { ExchangeNotFoundError, StaleOrderError } from '@trader/application';
import { upbitRateLimits } from '@trader/upbit';
import { Dec } from '@trader/domain';
import { Harness, startHarness } from './client-harness';

describe('Upbit client: orders that cannot leave in time, against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    // One order per five seconds: a second order has to wait far past its 300 ms bound.
    h = await startHarness(
      {},
      {
        staleOrderMs: 300,
        rateLimits: { safetyMargin: 1, windowPaddingMs: 0, limits: { ...upbitRateLimits, order: { scope: 'account', windows: [{ limit: 1, windowMs: 5_000 }] } } },
      },
    );
  });
  afterAll(() => h.close());

  it('refuses an order still queued for its rate-limit slot past the bound as stale, and never sends it', async () => {
    const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
    const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
    const tick = instrument?.tickSize ?? new Dec(1000);
    const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
    const order = (identifier: string) => ({ market: 'KRW-BTC', side: 'bid' as const, ordType: 'limit' as const, price, volume: new Dec('0.001'), identifier });
    const first = `fresh-${Date.now()}`;
    const second = `stale-${Date.now()}`;

    const [sent, late] = await Promise.allSettled([h.client.gateway.placeOrder(order(first)), h.client.gateway.placeOrder(order(second))]);

    expect(sent).toEqual(expect.objectContaining({ status: 'fulfilled', value: expect.objectContaining({ outcome: 'accepted' }) }));
    expect(late.status).toBe('rejected');
    const error = late.status === 'rejected' ? (late.reason as unknown) : undefined;
    expect(error).toBeInstanceOf(StaleOrderError);
    expect(error).toEqual(expect.objectContaining({ code: 'EXCHANGE_BUSY', reason: 'stale_order', group: 'account:order', staleAfterMs: 300 }));
    // The simulator never saw it: not now, and not later either.
    await expect(h.client.gateway.getOrder({ identifier: second })).rejects.toBeInstanceOf(ExchangeNotFoundError);
    expect(h.client.limiter.stats().groups['account:order']).toEqual(expect.objectContaining({ waiting: 0, rejectedDeadline: 1 }));
    await h.client.gateway.cancelOrder({ identifier: first });
  });

  it('gives an order only the time it has left when its caller says so (submitted a while ago), tighter than the configured bound', async () => {
    const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
    const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
    const tick = instrument?.tickSize ?? new Dec(1000);
    const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
    const order = (identifier: string, leaveWithinMs: number) => ({ market: 'KRW-BTC', side: 'bid' as const, ordType: 'limit' as const, price, volume: new Dec('0.001'), identifier, leaveWithinMs });
    // The previous test took the window's only slot: this order has to wait, but only 50 ms of it.
    const tight = `tight-${Date.now()}`;
    const [late] = await Promise.allSettled([h.client.gateway.placeOrder(order(tight, 50))]);
    expect(late?.status === 'rejected' ? late.reason : undefined).toEqual(expect.objectContaining({ reason: 'stale_order', staleAfterMs: 50 }));
    await expect(h.client.gateway.getOrder({ identifier: tight })).rejects.toBeInstanceOf(ExchangeNotFoundError);
  });
});
