import { ManualSimClock } from '../clock/sim-clock';
import { RunningSimulator } from '../simulator';
import { SimHttpClient, SimWsClient } from '../test-support/sim-client';
import { startTestSimulator } from '../test-support/test-simulator';

type Json = Record<string, unknown>;

describe('WebSocket endpoints', () => {
  let sim: RunningSimulator;
  let clock: ManualSimClock;
  const clients: SimWsClient[] = [];

  const open = async (privateEndpoint = false): Promise<SimWsClient> => {
    const client = privateEndpoint ? await SimWsClient.openPrivate(sim) : await SimWsClient.open(sim.wsUrl);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    ({ sim, clock } = await startTestSimulator({ rateLimits: false }));
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await sim.close();
  });

  it('sends SNAPSHOT then REALTIME ticker, trade and orderbook messages as binary DEFAULT frames', async () => {
    const ws = await open();
    ws.send([{ ticket: 't1' }, { type: 'ticker', codes: ['KRW-BTC'] }, { type: 'trade', codes: ['KRW-BTC'] }, { type: 'orderbook', codes: ['KRW-BTC'] }]);
    const ticker = await ws.next((f) => f['type'] === 'ticker');
    expect(ticker).toMatchObject({ code: 'KRW-BTC', stream_type: 'SNAPSHOT' });
    expect(typeof ticker['trade_price']).toBe('number');
    await ws.next((f) => f['type'] === 'trade' && f['stream_type'] === 'SNAPSHOT');
    const book = await ws.next((f) => f['type'] === 'orderbook');
    expect(book['orderbook_units'] as Json[]).toHaveLength(30);

    const before = ws.frames.length;
    clock.advance(2000);
    const trade = await ws.next((f) => f['type'] === 'trade' && f['stream_type'] === 'REALTIME', before, 'realtime trade');
    expect(Object.keys(trade)).toEqual(expect.arrayContaining(['trade_price', 'trade_volume', 'ask_bid', 'sequential_id', 'best_ask_price', 'best_bid_size']));
    await ws.next((f) => f['type'] === 'orderbook' && f['stream_type'] === 'REALTIME', before);
    const realtimeTicker = await ws.next((f) => f['type'] === 'ticker' && f['stream_type'] === 'REALTIME', before);
    expect(realtimeTicker['trade_timestamp']).toBeGreaterThan(clock.now() - 2000);
    expect(ws.binary.every((b) => b)).toBe(true);
  });

  it('abbreviates keys in SIMPLE, wraps messages in arrays in the LIST formats, and honours unit counts', async () => {
    const simple = await open();
    simple.send([{ ticket: 's' }, { type: 'orderbook', codes: ['KRW-XRP.5'] }, { format: 'SIMPLE' }]);
    const book = await simple.next((f) => f['ty'] === 'orderbook');
    expect(book).toMatchObject({ cd: 'KRW-XRP', st: 'SNAPSHOT' });
    const units = book['obu'] as Json[];
    expect(units).toHaveLength(5);
    expect(Object.keys(units[0])).toEqual(['ap', 'bp', 'as', 'bs']);

    const list = await open();
    list.send([{ ticket: 'l' }, { type: 'ticker', codes: ['KRW-ETH'] }, { format: 'JSON_LIST' }]);
    await list.next((f) => f['type'] === 'ticker');
    expect(Array.isArray(list.frames[0])).toBe(true);
    const simpleList = await open();
    simpleList.send([{ ticket: 'sl' }, { type: 'ticker', codes: ['KRW-ETH'] }, { format: 'SIMPLE_LIST' }]);
    const t = await simpleList.next((f) => f['ty'] === 'ticker');
    expect(t).toMatchObject({ cd: 'KRW-ETH', st: 'SNAPSHOT' });
  });

  it('sends only the snapshot with is_only_snapshot', async () => {
    const ws = await open();
    ws.send([{ ticket: 'o' }, { type: 'ticker', codes: ['KRW-BTC', 'KRW-ETH'], is_only_snapshot: true }]);
    await ws.next((f) => f['type'] === 'ticker' && f['code'] === 'KRW-ETH');
    clock.advance(3000);
    ws.send('PING');
    await ws.next((f) => 'status' in f);
    expect((ws.frames as Json[]).map((f) => f['stream_type'] ?? f['status'])).toEqual(['SNAPSHOT', 'SNAPSHOT', 'UP']);
  });

  it('streams 1-second candles', async () => {
    const ws = await open();
    ws.send([{ ticket: 'c' }, { type: 'candle.1s', codes: ['KRW-BTC'], is_only_realtime: true }]);
    // The server answers in order: once PING is answered, the subscription is in place.
    ws.send('PING');
    await ws.next((f) => 'status' in f);
    expect(ws.frames).toHaveLength(1);
    clock.advance(2000);
    const candle = await ws.next((f) => f['type'] === 'candle.1s');
    expect(candle).toMatchObject({ code: 'KRW-BTC', stream_type: 'REALTIME' });
    expect(String(candle['candle_date_time_utc'])).toMatch(/^2026-01-05T00:00:3[0-2]$/);
  });

  it('replaces the whole subscription set with a new request', async () => {
    const ws = await open();
    ws.send([{ ticket: 'a' }, { type: 'ticker', codes: ['KRW-BTC'] }]);
    await ws.next((f) => f['type'] === 'ticker');
    ws.send([{ ticket: 'b' }, { type: 'trade', codes: ['KRW-ETH'] }]);
    await ws.next((f) => f['type'] === 'trade' && f['stream_type'] === 'SNAPSHOT');
    const replacedAt = ws.frames.findIndex((f) => !Array.isArray(f) && f['type'] === 'trade');

    clock.advance(3000);
    await ws.next((f) => f['type'] === 'trade' && f['stream_type'] === 'REALTIME', replacedAt, 'realtime ETH trade');
    const after = ws.frames.slice(replacedAt) as Json[];
    expect(after.filter((f) => f['type'] === 'ticker')).toEqual([]);
    expect(after.every((f) => f['code'] === 'KRW-ETH')).toBe(true);

    ws.send([{ ticket: 'c' }, { method: 'LIST_SUBSCRIPTIONS' }]);
    const listed = await ws.next((f) => f['method'] === 'LIST_SUBSCRIPTIONS');
    expect(listed).toEqual({ method: 'LIST_SUBSCRIPTIONS', result: [{ type: 'trade', codes: ['KRW-ETH'] }], ticket: 'c' });
  });

  it('answers PING with {"status":"UP"}', async () => {
    const ws = await open();
    ws.send('PING');
    expect(await ws.next((f) => 'status' in f)).toEqual({ status: 'UP' });
  });

  it('closes a connection idle for 120 s, and keeps one that talks', async () => {
    const idle = await open();
    const talking = await open();
    clock.advance(60_000);
    talking.send('PING');
    await talking.next((f) => 'status' in f);
    clock.advance(59_999);
    expect(idle.closeCode).toBeUndefined();
    clock.advance(1);
    expect(await idle.waitClosed()).toBe(1000);
    expect(talking.closeCode).toBeUndefined();
    clock.advance(60_000);
    expect(await talking.waitClosed()).toBe(1000);
  });

  it.each([
    ['not JSON', 'hello', 'WRONG_FORMAT'],
    ['not an array', { ticket: 'x' }, 'WRONG_FORMAT'],
    ['no ticket', [{ type: 'ticker', codes: ['KRW-BTC'] }], 'NO_TICKET'],
    ['no type', [{ ticket: 'x' }], 'NO_TYPE'],
    ['no codes', [{ ticket: 'x' }, { type: 'ticker' }], 'NO_CODES'],
    ['unknown type', [{ ticket: 'x' }, { type: 'bogus', codes: ['KRW-BTC'] }], 'INVALID_PARAM'],
    ['unknown code', [{ ticket: 'x' }, { type: 'ticker', codes: ['KRW-NOPE'] }], 'INVALID_PARAM'],
    ['bad format', [{ ticket: 'x' }, { type: 'ticker', codes: ['KRW-BTC'] }, { format: 'XML' }], 'INVALID_PARAM'],
    ['private type on the public endpoint', [{ ticket: 'x' }, { type: 'myOrder' }], 'INVALID_AUTH'],
  ])('refuses a request with %s', async (_case, request, name) => {
    const ws = await open();
    ws.send(request);
    const error = await ws.next((f) => 'error' in f);
    expect((error['error'] as Json)['name']).toBe(name);
  });

  it('refuses the private endpoint without a valid JWT (401 on the upgrade)', async () => {
    await expect(SimWsClient.open(sim.privateWsUrl)).rejects.toThrow(/401/);
  });

  it('streams myOrder and myAsset events to the private endpoint when orders are placed, filled and cancelled', async () => {
    const ws = await open(true);
    ws.send([{ ticket: 'p' }, { type: 'myOrder', codes: ['KRW-XRP'] }, { type: 'myAsset' }]);
    ws.send('PING');
    await ws.next((f) => 'status' in f);
    expect(ws.frames).toEqual([{ status: 'UP' }]);
    const http = new SimHttpClient(sim);
    const placed = await http.post('/orders', { market: 'KRW-XRP', side: 'bid', volume: '10', price: '1000', ord_type: 'limit' });
    const uuid = (placed.body as Json)['uuid'];
    const wait = await ws.next((f) => f['type'] === 'myOrder' && f['state'] === 'wait');
    expect(wait).toMatchObject({ code: 'KRW-XRP', uuid, ask_bid: 'BID', order_type: 'limit', price: 1000, volume: 10, stream_type: 'REALTIME' });
    const asset = await ws.next((f) => f['type'] === 'myAsset');
    expect(asset['assets']).toEqual([{ currency: 'KRW', balance: 99989995, locked: 10005 }]);

    await http.private('DELETE', '/order', `uuid=${String(uuid)}`);
    await ws.next((f) => f['type'] === 'myOrder' && f['state'] === 'cancel');

    await http.post('/orders', { market: 'KRW-XRP', side: 'bid', price: '10000', ord_type: 'price' });
    const fill = await ws.next((f) => f['type'] === 'myOrder' && f['state'] === 'trade');
    expect(fill['trade_uuid']).toEqual(expect.any(String));
    expect(fill['is_maker']).toBe(false);
    expect(fill['trade_fee']).toBeGreaterThan(0);
  });
});
