import { RunningSimulator } from '../simulator';
import { SimHttpClient } from '../test-support/sim-client';
import { startTestSimulator } from '../test-support/test-simulator';
import { upbitToken } from '../test-support/upbit-token';

type Json = Record<string, unknown>;

describe('Exchange API over HTTP', () => {
  let sim: RunningSimulator;
  let http: SimHttpClient;

  beforeEach(async () => {
    ({ sim } = await startTestSimulator());
    http = new SimHttpClient(sim);
  });

  afterEach(() => sim.close());

  const limitBid = (price: string, volume: string, extra: Record<string, string> = {}): Promise<{ status: number; body: unknown }> =>
    http.post('/orders', { market: 'KRW-XRP', side: 'bid', volume, price, ord_type: 'limit', ...extra });

  it('lists accounts with string amounts and the exact fields Upbit returns', async () => {
    const reply = await http.private('GET', '/accounts');
    expect(reply.status).toBe(200);
    expect(reply.remainingReq).toBe('group=default; min=1800; sec=29');
    expect(reply.body).toEqual([
      { currency: 'KRW', balance: '100000000.0', locked: '0.0', avg_buy_price: '0', avg_buy_price_modified: false, unit_currency: 'KRW' },
      { currency: 'XRP', balance: '10000.0', locked: '0.0', avg_buy_price: '0', avg_buy_price_modified: false, unit_currency: 'KRW' },
    ]);
  });

  it('accepts HS256 tokens (ccxt) as well as HS512 (Upbit docs)', async () => {
    expect((await http.private('GET', '/accounts', '', 'HS256')).status).toBe(200);
    expect((await http.private('GET', '/orders/chance', 'market=KRW-XRP', 'HS256')).status).toBe(200);
  });

  it('returns order chance with fees and the market constraints', async () => {
    const reply = await http.private('GET', '/orders/chance', 'market=KRW-XRP');
    const body = reply.body as Json;
    expect(body['bid_fee']).toBe('0.0005');
    expect(body['market']).toMatchObject({ id: 'KRW-XRP', bid: { currency: 'KRW', min_total: '5000' }, state: 'active' });
    expect(body['ask_account']).toMatchObject({ currency: 'XRP', balance: '10000.0' });
  });

  it('places a limit order (201), locks the funds with the fee reserve, finds it by uuid and identifier, and cancels it', async () => {
    const placed = await limitBid('1000', '10', { identifier: 'my-order-1' });
    expect(placed.status).toBe(201);
    const order = placed.body as Json;
    expect(order).toMatchObject({
      side: 'bid',
      ord_type: 'limit',
      price: '1000.0',
      state: 'wait',
      market: 'KRW-XRP',
      volume: '10.0',
      remaining_volume: '10.0',
      executed_volume: '0.0',
      reserved_fee: '5.0',
      remaining_fee: '5.0',
      paid_fee: '0.0',
      locked: '10005.0',
      trades_count: 0,
      identifier: 'my-order-1',
    });
    expect(order['created_at']).toMatch(/^2026-01-05T09:\d{2}:\d{2}\+09:00$/);
    const krw = ((await http.private('GET', '/accounts')).body as Json[])[0];
    expect([krw['balance'], krw['locked']]).toEqual(['99989995.0', '10005.0']);

    const byId = await http.private('GET', '/order', 'identifier=my-order-1');
    expect((byId.body as Json)['uuid']).toBe(order['uuid']);
    expect((byId.body as Json)['trades']).toEqual([]);
    const open = await http.private('GET', '/orders/open', 'market=KRW-XRP&states[]=wait');
    expect((open.body as Json[]).map((o) => o['uuid'])).toEqual([order['uuid']]);

    const cancelled = await http.private('DELETE', '/order', `uuid=${String(order['uuid'])}`);
    expect(cancelled.status).toBe(200);
    expect((cancelled.body as Json)['state']).toBe('wait');
    const after = await http.private('GET', '/order', `uuid=${String(order['uuid'])}`);
    expect((after.body as Json)['state']).toBe('cancel');
    const closed = await http.private('GET', '/orders/closed', 'market=KRW-XRP&states[]=cancel');
    expect((closed.body as Json[]).map((o) => o['uuid'])).toEqual([order['uuid']]);
    const krwAfter = ((await http.private('GET', '/accounts')).body as Json[])[0];
    expect([krwAfter['balance'], krwAfter['locked']]).toEqual(['100000000.0', '0.0']);
  });

  it('cancels by identifier and answers 404 order_not_found for an unknown or closed order', async () => {
    await limitBid('1000', '10', { identifier: 'to-cancel' });
    expect((await http.private('DELETE', '/order', 'identifier=to-cancel')).status).toBe(200);
    const again = await http.private('DELETE', '/order', 'identifier=to-cancel');
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error: { name: 'order_not_found', message: '주문을 찾지 못했습니다.' } });
    expect((await http.private('GET', '/order', 'uuid=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('executes a market buy by total (price), a market sell by volume (market) and a best IOC order, with trades on GET /order', async () => {
    const buy = (await http.post('/orders', { market: 'KRW-XRP', side: 'bid', price: '10000', ord_type: 'price' })).body as Json;
    expect([buy['ord_type'], buy['price'], buy['volume']]).toEqual(['price', '10000.0', null]);
    const bought = (await http.private('GET', '/order', `uuid=${String(buy['uuid'])}`)).body as Json;
    expect(['done', 'cancel']).toContain(bought['state']);
    expect((bought['trades'] as Json[]).length).toBeGreaterThan(0);
    expect(bought['trades'] as Json[]).toEqual(
      expect.arrayContaining([expect.objectContaining({ market: 'KRW-XRP', side: 'bid', trend: expect.stringMatching(/^(up|down)$/) })]),
    );

    const sell = await http.post('/orders', { market: 'KRW-XRP', side: 'ask', volume: '5', ord_type: 'market' });
    expect(sell.status).toBe(201);
    const sold = (await http.private('GET', '/order', `uuid=${String((sell.body as Json)['uuid'])}`)).body as Json;
    expect([sold['state'], sold['executed_volume']]).toEqual(['done', '5.0']);

    const best = await http.post('/orders', { market: 'KRW-XRP', side: 'ask', volume: '3', ord_type: 'best', time_in_force: 'ioc' });
    expect(best.status).toBe(201);
    const bestOrder = (await http.private('GET', '/order', `uuid=${String((best.body as Json)['uuid'])}`)).body as Json;
    expect(bestOrder['executed_volume']).toBe('3.0');
  });

  it('validates without placing on orders/test', async () => {
    const reply = await http.post('/orders/test', { market: 'KRW-XRP', side: 'bid', volume: '10', price: '1000', ord_type: 'limit' });
    expect(reply.status).toBe(201);
    expect(reply.remainingReq).toMatch(/^group=order-test; /);
    expect((await http.private('GET', '/orders/open')).body).toEqual([]);
    const refused = await http.post('/orders/test', { market: 'KRW-XRP', side: 'bid', volume: '1', price: '1000', ord_type: 'limit' });
    expect((refused.body as Json)['error']).toMatchObject({ name: 'under_min_total_bid' });
  });

  it('looks orders up by uuids and identifiers, and cancels in batch', async () => {
    const a = (await limitBid('1000', '10', { identifier: 'a' })).body as Json;
    const b = (await limitBid('1001', '10', { identifier: 'b' })).body as Json;
    const byUuids = await http.private('GET', '/orders/uuids', `market=KRW-XRP&uuids[]=${String(a['uuid'])}&uuids[]=${String(b['uuid'])}&order_by=asc`);
    expect((byUuids.body as Json[]).map((o) => o['identifier'])).toEqual(['a', 'b']);
    const byIds = await http.private('GET', '/orders/uuids', 'identifiers[]=b');
    expect((byIds.body as Json[]).map((o) => o['uuid'])).toEqual([b['uuid']]);

    const batch = await http.private('DELETE', '/orders/uuids', `uuids[]=${String(a['uuid'])}`);
    expect((batch.body as Json)['success']).toEqual({ count: 1, orders: [{ uuid: a['uuid'], market: 'KRW-XRP', identifier: 'a' }] });
    const all = await http.private('DELETE', '/orders/open', 'cancel_side=bid&pairs=KRW-XRP');
    expect(all.remainingReq).toMatch(/^group=order-cancel-all; /);
    expect((all.body as Json)['success']).toMatchObject({ count: 1 });
    expect((await http.private('GET', '/orders/open')).body).toEqual([]);
  });

  it('pages open orders and bounds the closed-orders window to 7 days', async () => {
    for (const price of ['1000', '1001', '1002']) await limitBid(price, '10');
    const page1 = (await http.private('GET', '/orders/open', 'limit=2&page=1&order_by=asc')).body as Json[];
    const page2 = (await http.private('GET', '/orders/open', 'limit=2&page=2&order_by=asc')).body as Json[];
    expect([...page1, ...page2].map((o) => o['price'])).toEqual(['1000.0', '1001.0', '1002.0']);
    const tooWide = await http.private('GET', '/orders/closed', 'start_time=2026-01-01T00:00:00Z&end_time=2026-01-09T00:00:00Z');
    expect(tooWide.status).toBe(400);
    expect((tooWide.body as Json)['error']).toMatchObject({ name: 'validation_error' });
  });

  it('cancels and replaces an order in one call', async () => {
    const old = (await limitBid('1000', '10')).body as Json;
    const reply = await http.post('/orders/cancel_and_new', {
      prev_order_uuid: String(old['uuid']),
      new_ord_type: 'limit',
      new_price: '1002',
      new_volume: 'remain_only',
      new_identifier: 'replacement',
    });
    expect(reply.status).toBe(201);
    const body = reply.body as Json;
    expect(body['uuid']).toBe(old['uuid']);
    expect(body['new_order_identifier']).toBe('replacement');
    const fresh = (await http.private('GET', '/order', `uuid=${String(body['new_order_uuid'])}`)).body as Json;
    expect([fresh['price'], fresh['volume'], fresh['state']]).toEqual(['1002.0', '10.0', 'wait']);
    expect(((await http.private('GET', '/order', `uuid=${String(old['uuid'])}`)).body as Json)['state']).toBe('cancel');
  });

  describe('refuses bad orders with Upbit error names', () => {
    it.each<[string, Record<string, string>, number, string]>([
      ['unknown market', { market: 'KRW-NOPE', side: 'bid', volume: '1', price: '1000', ord_type: 'limit' }, 400, 'validation_error'],
      ['missing side', { market: 'KRW-XRP', volume: '1', price: '1000', ord_type: 'limit' }, 400, 'validation_error'],
      ['bad volume', { market: 'KRW-XRP', side: 'bid', volume: 'abc', price: '1000', ord_type: 'limit' }, 400, 'validation_error'],
      ['negative price', { market: 'KRW-XRP', side: 'bid', volume: '10', price: '-1000', ord_type: 'limit' }, 400, 'validation_error'],
      ['too many volume decimals', { market: 'KRW-XRP', side: 'ask', volume: '10.123456789', price: '5000', ord_type: 'limit' }, 400, 'invalid_volume_ask'],
      ['price off the tick grid', { market: 'KRW-XRP', side: 'bid', volume: '10', price: '1000.5', ord_type: 'limit' }, 400, 'invalid_price_bid'],
      ['price off the tick grid (ask)', { market: 'KRW-BTC', side: 'ask', volume: '0.001', price: '150000500', ord_type: 'limit' }, 400, 'invalid_price_ask'],
      ['under the minimum total', { market: 'KRW-XRP', side: 'bid', volume: '4', price: '1000', ord_type: 'limit' }, 400, 'under_min_total_bid'],
      ['under the minimum total (ask)', { market: 'KRW-XRP', side: 'ask', volume: '1', price: '4000', ord_type: 'limit' }, 400, 'under_min_total_ask'],
      ['more than the balance', { market: 'KRW-XRP', side: 'bid', volume: '100000', price: '1000', ord_type: 'limit' }, 400, 'insufficient_funds_bid'],
      ['selling more than held', { market: 'KRW-XRP', side: 'ask', volume: '20000', price: '9000', ord_type: 'limit' }, 400, 'insufficient_funds_ask'],
      ['volume on a market buy', { market: 'KRW-XRP', side: 'bid', volume: '1', price: '10000', ord_type: 'price' }, 400, 'create_bid_error'],
      ['price on a market sell', { market: 'KRW-XRP', side: 'ask', volume: '10', price: '1000', ord_type: 'market' }, 400, 'create_ask_error'],
      ['best without time_in_force', { market: 'KRW-XRP', side: 'bid', price: '10000', ord_type: 'best' }, 400, 'create_bid_error'],
      ['post_only with smp_type', { market: 'KRW-XRP', side: 'bid', volume: '10', price: '1000', ord_type: 'limit', time_in_force: 'post_only', smp_type: 'reduce' }, 400, 'create_bid_error'],
    ])('%s', async (_case, body, status, name) => {
      const reply = await http.post('/orders', body);
      expect(reply.status).toBe(status);
      expect((reply.body as Json)['error']).toMatchObject({ name });
    });

    it('a reused identifier', async () => {
      expect((await limitBid('1000', '10', { identifier: 'dup' })).status).toBe(201);
      const reply = await limitBid('1000', '10', { identifier: 'dup' });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: { name: 'validation_error', message: 'identifier is already used' } });
    });
  });

  describe('JWT verification', () => {
    const keys = { accessKey: 'test-access-key', secretKey: 'test-secret-key' };
    const get = (token: string, query = ''): Promise<Response> =>
      fetch(`${sim.restUrl}/orders/chance${query === '' ? '' : `?${query}`}`, { headers: { Authorization: `Bearer ${token}` } });

    it('refuses a bad signature with 401 jwt_verification', async () => {
      const reply = await get(upbitToken({ ...keys, secretKey: 'wrong', query: 'market=KRW-XRP' }), 'market=KRW-XRP');
      expect(reply.status).toBe(401);
      expect(((await reply.json()) as Json)['error']).toMatchObject({ name: 'jwt_verification' });
    });

    it.each(['toString', 'constructor'])('refuses a token whose alg is "%s" with 401 jwt_verification, not 500', async (alg) => {
      const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const reply = await get(`${b64({ alg, typ: 'JWT' })}.${b64({ access_key: keys.accessKey, nonce: `alg-${alg}` })}.c2lnbmF0dXJl`);
      expect(reply.status).toBe(401);
      expect(((await reply.json()) as Json)['error']).toMatchObject({ name: 'jwt_verification' });
    });

    it('refuses a reused nonce with 401 nonce_used', async () => {
      const first = await get(upbitToken({ ...keys, query: 'market=KRW-XRP', nonce: 'n-1' }), 'market=KRW-XRP');
      const second = await get(upbitToken({ ...keys, query: 'market=KRW-XRP', nonce: 'n-1' }), 'market=KRW-XRP');
      expect(first.status).toBe(200);
      expect(second.status).toBe(401);
      expect(((await second.json()) as Json)['error']).toMatchObject({ name: 'nonce_used' });
    });

    it('refuses a query_hash of other parameters, or a missing one, with 401 invalid_query_payload', async () => {
      const wrong = await get(upbitToken({ ...keys, query: 'market=KRW-BTC' }), 'market=KRW-XRP');
      const missing = await get(upbitToken(keys), 'market=KRW-XRP');
      for (const reply of [wrong, missing]) {
        expect(reply.status).toBe(401);
        expect(((await reply.json()) as Json)['error']).toMatchObject({ name: 'invalid_query_payload' });
      }
    });

    it('hashes array parameters unescaped (states[]=wait), as Upbit does', async () => {
      const query = 'states[]=wait&states[]=watch';
      const token = upbitToken({ ...keys, query });
      const reply = await fetch(`${sim.restUrl}/orders/open?states%5B%5D=wait&states%5B%5D=watch`, { headers: { Authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(200);
    });

    it('refuses an unknown access key with 401 invalid_access_key and a missing token with 401', async () => {
      const unknown = await get(upbitToken({ accessKey: 'nobody', secretKey: 'x', query: 'market=KRW-XRP' }), 'market=KRW-XRP');
      expect(((await unknown.json()) as Json)['error']).toMatchObject({ name: 'invalid_access_key' });
      const none = await fetch(`${sim.restUrl}/accounts`);
      expect(none.status).toBe(401);
      expect(none.headers.get('remaining-req')).toMatch(/^group=default; /);
    });
  });
});
