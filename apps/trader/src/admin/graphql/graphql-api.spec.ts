import { basicSevenRulesStrategy } from '@trader/domain';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { harnessToken, startTradingApp, TradingAppHarness } from '../../test-support/trading-app.harness';

describe('admin GraphQL API', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp();
    await h.call('PUT', '/api/v1/risk/limits', {
      quoteCurrency: 'KRW',
      maxNotionalPerOrder: '1000000',
      maxPositionPerMarket: '5000000',
      maxOpenOrders: 5,
      orderRate: { maxOrders: 8, perMs: 1000 },
      maxDailyLoss: '500000',
      maxDrawdownPercent: '20',
    });
    await h.reconcile();
  });
  afterAll(() => h.close());

  async function graphql(query: string, variables: Record<string, unknown> = {}, token: string | null = harnessToken): Promise<{ data?: Record<string, unknown>; errors?: Array<{ message: string }> }> {
    const response = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  }

  it('places an order and reads orders, positions and the session through the same buses as REST', async () => {
    const placed = await graphql('mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { status orderId } }', {
      input: { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' },
    });
    expect(placed.errors).toBeUndefined();
    expect(placed.data?.['placeOrder']).toEqual(expect.objectContaining({ status: 'submitted' }));
    const { orderId } = placed.data?.['placeOrder'] as { orderId: string };

    const read = await graphql('{ orders(limit: 10) { orderId status paidFee } positions { market quantity } session }');
    expect(read.errors).toBeUndefined();
    expect(read.data?.['orders']).toEqual(expect.arrayContaining([expect.objectContaining({ orderId })]));
    expect(read.data?.['session']).toEqual(expect.objectContaining({ mode: 'trading' }));
  });

  it('defines, disables and lists strategies', async () => {
    const defined = await graphql('mutation($d: JSON!) { defineStrategy(definition: $d) }', { d: { ...basicSevenRulesStrategy(), id: 'graphql-copy', markets: ['KRW-ETH'] } });
    expect(defined.data?.['defineStrategy']).toEqual(expect.objectContaining({ id: 'graphql-copy' }));
    expect((await graphql('mutation { disableStrategy(id: "graphql-copy") }')).data).toEqual({ disableStrategy: true });
    const read = await graphql('{ strategy(id: "graphql-copy") }');
    expect(read.data?.['strategy']).toEqual(expect.objectContaining({ enabled: false }));
    const invalid = await graphql('mutation($d: JSON!) { defineStrategy(definition: $d) }', { d: { id: 'broken' } });
    expect(invalid.errors?.[0]?.message).toBeTruthy();
  });

  it('refuses bad input naming the field, and anything without the token, appending nothing', async () => {
    const before = h.store.stats().lastPosition;
    const bad = await graphql('mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { status } }', {
      input: { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: 'NaN', volume: '0.001' },
    });
    expect(bad.errors?.[0]?.message).toContain('price');
    const anonymous = await graphql('mutation { haltTrading(reason: "x") }', {}, null);
    expect(anonymous.errors?.[0]?.message).toContain('bearer token');
    expect(h.store.stats().lastPosition).toBe(before);
  });

  it('streams committed events to a subscription authorised in the handshake', async () => {
    const client = createClient({
      url: `${h.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${harnessToken}` },
      retryAttempts: 0,
    });
    const received = new Promise<unknown>((resolve, reject) => {
      const unsubscribe = client.subscribe(
        { query: 'subscription { committedEvents(type: "TradingHalted") { type data } }' },
        {
          next: (value) => {
            unsubscribe();
            resolve(value.data);
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    // The subscription is registered once the server has acknowledged it; halting then emits the event.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await graphql('mutation { haltTrading(reason: "graphql subscription") }')).data).toEqual({ haltTrading: true });
    expect(await received).toEqual({ committedEvents: { type: 'TradingHalted', data: expect.objectContaining({ reason: 'graphql subscription' }) } });
    await client.dispose();

    const refused = createClient({ url: `${h.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const failure = await new Promise<unknown>((resolve) => {
      refused.subscribe({ query: 'subscription { committedEvents { type } }' }, { next: () => resolve('delivered'), error: resolve, complete: () => resolve('completed') });
    });
    expect(failure).not.toBe('delivered');
    await refused.dispose();
  });
});
