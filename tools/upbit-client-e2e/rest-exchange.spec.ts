import { ExchangeAuthError, ExchangeNotFoundError, ExchangeRejectedError, OrderRequest } from '@trader/application';
import { UpbitCredentials } from '@trader/upbit';
import { Dec } from '@trader/domain';
import { Harness, startClient, startHarness } from './client-harness';

let sequence = 0;
function identifier(): string {
  sequence += 1;
  return `e2e-${process.pid}-${Date.now()}-${sequence}`;
}

describe('Upbit client: exchange REST against the simulator', () => {
  let h: Harness;
  let restingPrice: Dec;
  let tick: Dec;

  beforeAll(async () => {
    h = await startHarness();
    const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
    const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
    tick = instrument?.tickSize ?? new Dec(1000);
    // 20% under the market: the order rests on the book.
    restingPrice = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
  });
  afterAll(() => h.close());

  function limitBuy(overrides: Partial<OrderRequest> = {}): OrderRequest {
    return { market: 'KRW-BTC', side: 'bid', ordType: 'limit', price: restingPrice, volume: new Dec('0.001'), identifier: identifier(), ...overrides };
  }

  it('reads balances as exact decimals', async () => {
    const accounts = await h.client.gateway.getAccounts();
    const krw = accounts.find((a) => a.currency === 'KRW');
    expect(krw?.balance.greaterThan(0)).toBe(true);
  });

  it('reads the order chance (fees and limits) of a market', async () => {
    const chance = await h.client.gateway.getOrderChance('KRW-BTC');
    expect(chance.market.market).toBe('KRW-BTC');
    expect(chance.bidFee.toFixed()).toBe('0.0005');
    expect(chance.market.bid.minTotal.toFixed()).toBe('5000');
  });

  it('places a limit order, finds it by uuid and by identifier, lists it open, and cancels it', async () => {
    const request = limitBuy();
    const submitted = await h.client.gateway.placeOrder(request);
    expect(submitted.outcome).toBe('accepted');
    if (submitted.outcome !== 'accepted') return;
    expect(submitted.order).toEqual(expect.objectContaining({ market: 'KRW-BTC', side: 'bid', state: 'wait', identifier: request.identifier }));
    expect(submitted.order.price?.equals(restingPrice)).toBe(true);

    const byUuid = await h.client.gateway.getOrder({ uuid: submitted.order.uuid });
    const byIdentifier = await h.client.gateway.getOrder({ identifier: request.identifier });
    expect(byIdentifier.uuid).toBe(byUuid.uuid);

    const open = await h.client.gateway.getOpenOrders({ market: 'KRW-BTC', states: ['wait', 'watch'] });
    expect(open.map((o) => o.uuid)).toContain(submitted.order.uuid);
    const byIds = await h.client.gateway.getOrdersByIds({ market: 'KRW-BTC', identifiers: [request.identifier] });
    expect(byIds.map((o) => o.uuid)).toEqual([submitted.order.uuid]);

    await h.client.gateway.cancelOrder({ uuid: submitted.order.uuid });
    const closed = await h.client.gateway.getClosedOrders({ market: 'KRW-BTC', states: ['cancel'] });
    expect(closed.map((o) => o.uuid)).toContain(submitted.order.uuid);
  });

  it('cancels a batch by uuids and then everything left', async () => {
    const placed = [];
    for (let i = 0; i < 3; i += 1) {
      const submitted = await h.client.gateway.placeOrder(limitBuy());
      if (submitted.outcome === 'accepted') placed.push(submitted.order.uuid);
    }
    expect(placed).toHaveLength(3);
    const batch = await h.client.gateway.cancelOrders({ uuids: placed.slice(0, 2) });
    expect(batch.succeeded.map((o) => o.uuid).sort()).toEqual(placed.slice(0, 2).sort());
    const all = await h.client.gateway.cancelAllOrders({ cancelSide: 'all', pairs: ['KRW-BTC'] });
    expect(all.succeeded.map((o) => o.uuid)).toContain(placed[2]);
  });

  it('replaces an order with cancel_and_new', async () => {
    const submitted = await h.client.gateway.placeOrder(limitBuy());
    if (submitted.outcome !== 'accepted') throw new Error('order not accepted');
    const newIdentifier = identifier();
    const replaced = await h.client.gateway.replaceOrder({
      previous: { uuid: submitted.order.uuid },
      newOrdType: 'limit',
      newPrice: restingPrice.minus(tick),
      newVolume: 'remain_only',
      newIdentifier,
    });
    expect(replaced.outcome).toBe('accepted');
    if (replaced.outcome !== 'accepted') return;
    const replacement = await h.client.gateway.getOrder({ uuid: replaced.newOrderUuid });
    expect(replacement.identifier).toBe(newIdentifier);
    expect(replacement.price?.equals(restingPrice.minus(tick))).toBe(true);
    await h.client.gateway.cancelOrder({ uuid: replaced.newOrderUuid });
  });

  it('validates an order with POST /orders/test without placing it', async () => {
    const request = limitBuy();
    const tested = await h.client.gateway.testOrder(request);
    expect(tested.market).toBe('KRW-BTC');
    await expect(h.client.gateway.getOrder({ identifier: request.identifier })).rejects.toBeInstanceOf(ExchangeNotFoundError);
  });

  describe('maps Upbit errors to typed errors', () => {
    async function rejection(request: OrderRequest): Promise<ExchangeRejectedError> {
      const error = await h.client.gateway.placeOrder(request).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExchangeRejectedError);
      return error as ExchangeRejectedError;
    }

    it('insufficient funds', async () => {
      const error = await rejection(limitBuy({ volume: new Dec(1_000) }));
      expect(error).toEqual(expect.objectContaining({ reason: 'insufficient_funds', exchangeName: 'insufficient_funds_bid' }));
    });

    it('under the minimum order total', async () => {
      const error = await rejection(limitBuy({ volume: new Dec('0.00000001') }));
      expect(error).toEqual(expect.objectContaining({ reason: 'under_min_total', exchangeName: 'under_min_total_bid' }));
    });

    it('a price off the tick grid', async () => {
      const error = await rejection(limitBuy({ price: restingPrice.plus(tick.div(2)) }));
      expect(error).toEqual(expect.objectContaining({ reason: 'invalid_price_unit', exchangeName: 'invalid_price_bid' }));
    });

    it('a reused identifier', async () => {
      const request = limitBuy();
      const first = await h.client.gateway.placeOrder(request);
      expect(first.outcome).toBe('accepted');
      const error = await rejection({ ...request });
      expect(error.reason).toBe('duplicate_identifier');
      if (first.outcome === 'accepted') await h.client.gateway.cancelOrder({ uuid: first.order.uuid });
    });

    it('a volume finer than the volume unit', async () => {
      const error = await rejection(limitBuy({ volume: new Dec('0.123456789') }));
      expect(error).toEqual(expect.objectContaining({ reason: 'invalid_volume', exchangeName: 'invalid_volume_bid' }));
    });

    it('a missing field', async () => {
      const error = await rejection(limitBuy({ price: undefined }));
      expect(error).toEqual(expect.objectContaining({ reason: 'validation', exchangeName: 'validation_error' }));
    });

    it('an option that does not belong to the order type', async () => {
      const error = await rejection(limitBuy({ ordType: 'price', volume: undefined, timeInForce: 'ioc' }));
      expect(error).toEqual(expect.objectContaining({ reason: 'invalid_order', exchangeName: 'create_bid_error' }));
    });

    it('an unknown order', async () => {
      await expect(h.client.gateway.getOrder({ uuid: '00000000-0000-0000-0000-000000000000' })).rejects.toBeInstanceOf(ExchangeNotFoundError);
    });

    it('a wrong secret and an unknown access key', async () => {
      const account = h.sim.accounts[0];
      const wrongSecret = await startClient(h.sim, { credentials: new UpbitCredentials(account.accessKey, 'not-the-secret') });
      const unknownKey = await startClient(h.sim, { credentials: new UpbitCredentials('nobody', 'whatever') });
      try {
        await expect(wrongSecret.client.gateway.getAccounts()).rejects.toEqual(expect.objectContaining({ code: 'EXCHANGE_AUTH', exchangeName: 'jwt_verification' }));
        const error = await unknownKey.client.gateway.getAccounts().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ExchangeAuthError);
        expect(error).toEqual(expect.objectContaining({ exchangeName: 'invalid_access_key', status: 401 }));
      } finally {
        await wrongSecret.close();
        await unknownKey.close();
      }
    });
  });
});
