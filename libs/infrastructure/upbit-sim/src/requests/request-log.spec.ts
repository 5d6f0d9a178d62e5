import { RunningSimulator } from '../simulator';
import { eventuallyAsync } from '../test-support/eventually';
import { SimHttpClient } from '../test-support/sim-client';
import { KEYS, startTestSimulator } from '../test-support/test-simulator';
import { upbitToken } from '../test-support/upbit-token';

type Json = Record<string, unknown>;

describe('Order request log (admin API)', () => {
  let sim: RunningSimulator;
  let http: SimHttpClient;

  beforeEach(async () => {
    ({ sim } = await startTestSimulator({ rateLimits: false }));
    http = new SimHttpClient(sim);
  });

  afterEach(() => sim.close());

  const admin = async (method: string, path: string): Promise<{ status: number; body: Json }> => {
    const reply = await fetch(`${sim.adminUrl}${path}`, { method });
    return { status: reply.status, body: (await reply.json()) as Json };
  };

  const order = (identifier: string): Record<string, string> => ({
    market: 'KRW-XRP',
    side: 'bid',
    volume: '10',
    price: '1000',
    ord_type: 'limit',
    identifier,
  });

  it('counts a POST sent twice with one identifier twice, although the exchange refused the second', async () => {
    expect((await http.post('/orders', order('twice-1'))).status).toBe(201);
    const second = await http.post('/orders', order('twice-1'));
    expect([second.status, second.body]).toEqual([400, { error: { name: 'validation_error', message: 'identifier is already used' } }]);
    expect((await http.post('/orders', order('once-1'))).status).toBe(201);

    expect(await admin('GET', '/requests/order-posts')).toEqual({ status: 200, body: { 'twice-1': 2, 'once-1': 1 } });
    const listed = await admin('GET', '/requests?path=/v1/orders');
    expect((listed.body['requests'] as Json[]).map((r) => [r['method'], r['path'], r['identifier'], r['status'], r['answered']])).toEqual([
      ['POST', '/v1/orders', 'twice-1', 201, true],
      ['POST', '/v1/orders', 'twice-1', 400, true],
      ['POST', '/v1/orders', 'once-1', 201, true],
    ]);
  });

  it('tells which key of an account sent each order, and catches an identifier sent by two clients of one account', async () => {
    await sim.close();
    const second = { accessKey: 'second-access-key', secretKey: 'second-secret-key' };
    ({ sim } = await startTestSimulator({ rateLimits: false, accounts: [{ ...KEYS, extraKeys: [second], balances: { KRW: '100000000' } }] }));
    const first = new SimHttpClient(sim, KEYS);
    const other = new SimHttpClient(sim, second);
    expect((await first.post('/orders', order('by-first'))).status).toBe(201);
    expect((await other.post('/orders', order('by-second'))).status).toBe(201);
    // One account: either key sees the orders of both.
    expect(((await other.private('GET', '/order', 'identifier=by-first')).body as Json)['identifier']).toBe('by-first');
    expect(await admin('GET', '/requests/orders-sent-twice')).toEqual({ status: 200, body: [] });

    // The negative control of the two-instance test: the second client sends an identifier the first sent.
    expect((await other.post('/orders', order('by-first'))).status).toBe(400);
    expect(await admin('GET', '/requests/orders-sent-twice')).toEqual({ status: 200, body: [{ identifier: 'by-first', byAccessKey: { [KEYS.accessKey]: 1, [second.accessKey]: 1 } }] });
    expect(sim.admin.requests({ method: 'POST', path: '/v1/orders' }).requests.map((r) => `${r.identifier} ${r.accessKey}`)).toEqual([
      `by-first ${KEYS.accessKey}`,
      `by-second ${second.accessKey}`,
      `by-first ${second.accessKey}`,
    ]);
  });

  it('lists an identifier one client sent twice as sent twice too', async () => {
    await http.post('/orders', order('again'));
    await http.post('/orders', order('again'));
    expect(sim.admin.ordersSentTwice()).toEqual([{ identifier: 'again', byAccessKey: { [KEYS.accessKey]: 2 } }]);
  });

  it('logs an order request whose answer an injected time-out dropped, as received and unanswered', async () => {
    sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'timeout' } });
    const controller = new AbortController();
    const query = Object.entries(order('lost-1')).map(([k, v]) => `${k}=${v}`).join('&');
    const request = fetch(`${sim.restUrl}/orders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${upbitToken({ ...sim.accounts[0], query })}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(order('lost-1')),
      signal: controller.signal,
    });
    const outcome = request.then(() => 'answered', () => 'no answer');
    await eventuallyAsync(async () => ((await admin('GET', '/requests/order-posts')).body['lost-1'] === 1 ? true : undefined), 3000, 'the request in the log');
    expect(sim.exchange.ordersOf(sim.exchange.accountByAccessKey(sim.accounts[0]?.accessKey ?? '')?.id ?? '')).toHaveLength(1);
    controller.abort();
    expect(await outcome).toBe('no answer');

    const [logged] = sim.admin.requests({ path: '/v1/orders' }).requests;
    expect(logged).toEqual(expect.objectContaining({ method: 'POST', identifier: 'lost-1', status: null, answered: false, receivedAt: sim.clock.now() }));
  });

  it('logs order tests and cancels (by uuid or identifier) but not queries, and filters by method and path', async () => {
    expect((await http.post('/orders/test', order('probe-1'))).status).toBe(201);
    const placed = await http.post('/orders', order('c-1'));
    const uuid = (placed.body as Json)['uuid'] as string;
    expect((await http.private('DELETE', '/order', `uuid=${uuid}`)).status).toBe(200);
    expect((await http.private('DELETE', '/order', 'identifier=c-1')).status).toBe(404);
    expect((await http.private('GET', '/order', 'identifier=c-1')).status).toBe(200);

    const all = sim.admin.requests().requests.map((r) => [r.method, r.path, r.identifier ?? r.uuid, r.status]);
    expect(all).toEqual([
      ['POST', '/v1/orders/test', 'probe-1', 201],
      ['POST', '/v1/orders', 'c-1', 201],
      ['DELETE', '/v1/order', uuid, 200],
      ['DELETE', '/v1/order', 'c-1', 404],
    ]);
    const cancels = await admin('GET', '/requests?method=DELETE');
    expect((cancels.body['requests'] as Json[]).map((r) => r['status'])).toEqual([200, 404]);
    expect(await admin('GET', '/requests/order-posts')).toEqual({ status: 200, body: { 'c-1': 1 } });
  });

  it('keeps only the newest requests up to its capacity and says how many it dropped', async () => {
    await sim.close();
    ({ sim } = await startTestSimulator({ rateLimits: false, requestLogCapacity: 2 }));
    http = new SimHttpClient(sim);
    for (const id of ['a', 'b', 'c']) await http.post('/orders', order(id));
    const { body } = await admin('GET', '/requests');
    expect([body['capacity'], body['dropped'], (body['requests'] as Json[]).map((r) => r['identifier'])]).toEqual([2, 1, ['b', 'c']]);
    expect((await admin('DELETE', '/requests')).status).toBe(200);
    expect(sim.admin.requests().requests).toEqual([]);
  });

  it('counts every REST request per route, quotation and exchange alike, refused ones included', async () => {
    await http.public('/ticker?markets=KRW-XRP');
    await http.public('/ticker?markets=KRW-XRP,KRW-BTC');
    await http.public('/candles/minutes/1?market=KRW-XRP&count=2');
    await http.private('GET', '/accounts');
    await http.raw('/accounts', { method: 'GET' });
    await http.public('/no-such-route');

    expect(sim.admin.requestCounts()).toEqual({ 'GET /v1/ticker': 2, 'GET /v1/candles/minutes/1': 1, 'GET /v1/accounts': 2 });
    expect(await admin('GET', '/requests/counts')).toEqual({ status: 200, body: sim.admin.requestCounts() });
    await admin('DELETE', '/requests');
    expect(sim.admin.requestCounts()).toEqual({});
  });
});
