import { ManualSimClock } from '../clock/sim-clock';
import { RunningSimulator } from '../simulator';
import { SimHttpClient, SimWsClient } from '../test-support/sim-client';
import { startTestSimulator } from '../test-support/test-simulator';

describe('Rate limits per Upbit group', () => {
  let sim: RunningSimulator;
  let clock: ManualSimClock;
  let http: SimHttpClient;

  beforeEach(async () => {
    ({ sim, clock } = await startTestSimulator({ warmup: false }));
    http = new SimHttpClient(sim);
  });

  afterEach(() => sim.close());

  it('counts down Remaining-Req within the second, answers 429 when the group is spent, and refills next second', async () => {
    const headers: Array<string | null> = [];
    for (let i = 0; i < 10; i++) headers.push((await http.public('/ticker/all?quote_currencies=KRW')).remainingReq);
    expect(headers).toEqual(Array.from({ length: 10 }, (_v, i) => `group=ticker; min=1800; sec=${9 - i}`));

    const limited = await http.public('/ticker/all?quote_currencies=KRW');
    expect(limited.status).toBe(429);
    expect(limited.remainingReq).toBe('group=ticker; min=1800; sec=0');
    expect(limited.body).toEqual({ error: { name: 'too_many_requests', message: 'Too many API requests.' } });
    expect((await http.public('/market/all')).status).toBe(200);

    clock.advance(1000);
    expect((await http.public('/ticker/all?quote_currencies=KRW')).status).toBe(200);
  });

  it('blocks with 418 a client that keeps going after 429, for every group, until the block ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await http.public('/orderbook?markets=KRW-BTC')).status);
    expect(statuses).toEqual([...Array<number>(10).fill(200), ...Array<number>(5).fill(429), 418]);

    const blocked = await http.public('/market/all');
    expect(blocked.status).toBe(418);
    expect(blocked.body).toEqual({ error: { name: 'too_many_requests', message: 'Too many API requests. Blocked for 10 seconds.' } });
    clock.advance(9_000);
    expect((await http.public('/market/all')).status).toBe(418);
    clock.advance(1_000);
    expect((await http.public('/market/all')).status).toBe(200);
  });

  it('refuses a sixth WebSocket connection in one second with 429 on the upgrade', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => SimWsClient.open(sim.wsUrl)));
    await expect(SimWsClient.open(sim.wsUrl)).rejects.toThrow(/429/);
    clock.advance(1000);
    clients.push(await SimWsClient.open(sim.wsUrl));
    clients.forEach((c) => c.close());
  });

  it('answers a sixth request message in one second with an error frame, and serves it again next second', async () => {
    const ws = await SimWsClient.open(sim.wsUrl);
    for (let i = 0; i < 6; i++) ws.send([{ ticket: `t${i}` }, { method: 'LIST_SUBSCRIPTIONS' }]);
    const refused = await ws.next((f) => 'error' in f);
    expect(refused).toEqual({ error: { name: 'TOO_MANY_REQUEST', message: 'Too many API requests.' } });
    expect(ws.frames.filter((f) => !Array.isArray(f) && f['method'] === 'LIST_SUBSCRIPTIONS')).toHaveLength(5);
    ws.send('PING');
    await ws.next((f) => 'status' in f);
    clock.advance(1000);
    ws.send([{ ticket: 'again' }, { method: 'LIST_SUBSCRIPTIONS' }]);
    await ws.next((f) => f['ticket'] === 'again');
    ws.close();
  });

  it('limits exchange groups per key: order 12/s, order-cancel-all 1 per 2 s', async () => {
    const order = { market: 'KRW-XRP', side: 'bid', volume: '10', price: '1000', ord_type: 'limit' };
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await http.post('/orders', order)).status);
    expect(statuses).toEqual([...Array<number>(12).fill(201), 429]);
    expect((await http.private('GET', '/accounts')).remainingReq).toBe('group=default; min=1800; sec=29');

    expect((await http.private('DELETE', '/orders/open')).status).toBe(200);
    clock.advance(1000);
    expect((await http.private('DELETE', '/orders/open')).status).toBe(429);
    clock.advance(1000);
    expect((await http.private('DELETE', '/orders/open')).status).toBe(200);
  });
});
