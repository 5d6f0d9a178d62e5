import { basicSevenRulesStrategy } from '@trader/domain';
import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { harnessLimits, harnessToken, startTradingApp, TradingAppHarness } from '../../test-support/trading-app.harness';

interface GraphqlReply {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function graphqlAt(url: string, query: string, variables: Record<string, unknown> = {}, token: string | null = harnessToken): Promise<GraphqlReply> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlReply;
}

describe('admin GraphQL API', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp();
    await h.call('PUT', '/api/v1/risk/limits', harnessLimits);
    await h.reconcile();
  });
  afterAll(() => h.close());

  const graphql = (query: string, variables: Record<string, unknown> = {}, token: string | null = harnessToken): Promise<GraphqlReply> => graphqlAt(h.url, query, variables, token);

  it('cancels only an order id that is a UUID, as REST does, appending nothing otherwise', async () => {
    const before = h.store.stats().lastPosition;
    for (const orderId of ['not-a-uuid', '../order-1', '']) {
      const reply = await graphql('mutation($id: String!) { cancelOrder(orderId: $id) }', { id: orderId });
      expect(reply.data ?? null).toBeNull();
      expect(reply.errors?.[0]?.message).toBe('orderId must be a UUID');
      expect(reply.errors?.[0]?.extensions?.['errors']).toEqual([{ field: 'orderId', message: 'must be a UUID' }]);
    }
    expect(h.store.stats().lastPosition).toBe(before);
  });

  it('answers the standard introspection query in paper mode', async () => {
    const reply = await graphql(getIntrospectionQuery());
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.['__schema']).toEqual(expect.objectContaining({ queryType: expect.objectContaining({ name: 'Query' }) }));
  });

  it('refuses a query nested deeper than the limit before resolving anything', async () => {
    const deep = `{ __schema { types { ${'fields { type { '.repeat(8)}name${' } }'.repeat(8)} } } }`;
    const reply = await graphql(deep);
    expect(reply.data).toBeUndefined();
    // Our own types are flat, so only introspection nests this deep; graphql's own introspection rule may refuse it too.
    expect(reply.errors?.map((e) => e.message)).toEqual(expect.arrayContaining(['query depth 19 exceeds the limit of 15']));
  });

  it('refuses a query whose aliases or fragment spreads select more fields than the limit', async () => {
    const aliases = await graphql(`{ ${Array.from({ length: 300 }, (_, i) => `s${i}: session`).join(' ')} }`);
    expect(aliases.data).toBeUndefined();
    expect(aliases.errors?.map((e) => e.message)).toEqual(['query selects 300 fields, more than the limit of 250']);
    // Each fragment spreads the one below it twice: 2^19 fields from a document of a few hundred bytes.
    const levels = Array.from({ length: 20 }, (_, i) => (i === 19 ? `fragment F${i} on Query { session }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`));
    const bomb = await graphql(`{ ...F0 } ${levels.join(' ')}`);
    expect(bomb.data).toBeUndefined();
    expect(bomb.errors?.map((e) => e.message)).toEqual(expect.arrayContaining(['query selects 524288 fields, more than the limit of 250']));
  });

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
    // A strategy on a market the trader does not trade would never see a trade: refused, nothing stored.
    const elsewhere = await graphql('mutation($d: JSON!) { defineStrategy(definition: $d) }', { d: { ...basicSevenRulesStrategy(), id: 'elsewhere', markets: ['KRW-NOPE'] } });
    expect(elsewhere.errors?.[0]?.message).toContain('markets[0]: KRW-NOPE is not traded here');
    const noSuchDay = await graphql('{ pnl(period: "day", from: "2026-02-30", to: "2026-03-01") { period } }');
    expect(noSuchDay.errors?.[0]?.message).toContain('from: from must be a UTC date such as 2026-11-01');
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

describe('admin GraphQL API in live mode', () => {
  let h: TradingAppHarness;
  beforeAll(async () => {
    h = await startTradingApp({ mode: 'live' });
  });
  afterAll(() => h.close());

  it('keeps introspection off, and still answers queries', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "OrderGql") { name } }', getIntrospectionQuery()]) {
      const reply = await graphqlAt(h.url, query);
      expect(reply.data).toBeUndefined();
      expect(reply.errors?.[0]?.message).toContain('introspection');
    }
    expect((await graphqlAt(h.url, '{ session }')).data?.['session']).toEqual(expect.objectContaining({ mode: expect.any(String) }));
  });
});

