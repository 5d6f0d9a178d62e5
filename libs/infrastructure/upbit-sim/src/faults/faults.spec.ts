import { ManualSimClock } from '../clock/sim-clock';
import { RunningSimulator } from '../simulator';
import { eventually, eventuallyAsync } from '../test-support/eventually';
import { SimHttpClient, SimWsClient } from '../test-support/sim-client';
import { startTestSimulator } from '../test-support/test-simulator';
import { upbitToken } from '../test-support/upbit-token';

type Json = Record<string, unknown>;

describe('Fault injection', () => {
  let sim: RunningSimulator;
  let clock: ManualSimClock;
  let http: SimHttpClient;

  beforeEach(async () => {
    ({ sim, clock } = await startTestSimulator({ rateLimits: false }));
    http = new SimHttpClient(sim);
  });

  afterEach(() => sim.close());

  const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const reply = await fetch(`${sim.adminUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
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

  const orderExists = async (identifier: string): Promise<boolean> =>
    (await http.private('GET', '/order', `identifier=${identifier}`)).status === 200;

  it('delays a REST response by simulator time', async () => {
    await admin('POST', '/faults/rest', { path: '/ticker', phase: 'before', action: { kind: 'delay', ms: 5000 } });
    const timersBefore = clock.pendingTimers();
    let settled = false;
    const pending = http.public('/ticker?markets=KRW-BTC').then((r) => ((settled = true), r));
    await eventually(() => (clock.pendingTimers() > timersBefore ? true : undefined), 3000, 'delay timer');
    clock.advance(4999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    clock.advance(1);
    expect((await pending).status).toBe(200);
  });

  it('times out an order request after executing it: the client gets no answer but the order exists (unknown outcome)', async () => {
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
    await eventuallyAsync(async () => ((await orderExists('lost-1')) ? true : undefined), 3000, 'the order to exist');
    controller.abort();
    expect(await outcome).toBe('no answer');
    expect((await http.post('/orders', order('lost-1'))).status).toBe(400);
  });

  it('delays the answer after executing an order: the order exists before the client hears of it', async () => {
    sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'delay', ms: 30_000 } });
    let answered = false;
    const pending = http.post('/orders', order('late-1')).then((r) => ((answered = true), r));
    await eventuallyAsync(async () => ((await orderExists('late-1')) ? true : undefined), 3000, 'the order to exist');
    expect(answered).toBe(false);
    clock.advance(30_000);
    expect((await pending).status).toBe(201);
  });

  it('answers 5xx before executing (no order) or after executing (order placed)', async () => {
    sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'before', action: { kind: 'server-error', status: 503 } });
    const before = await http.post('/orders', order('e-1'));
    expect(before.status).toBe(503);
    expect(await orderExists('e-1')).toBe(false);

    sim.admin.injectRestFault({ method: 'POST', path: '/orders', phase: 'after', action: { kind: 'server-error', status: 500 } });
    const after = await http.post('/orders', order('e-2'));
    expect(after.status).toBe(500);
    expect(await orderExists('e-2')).toBe(true);
    expect((await http.post('/orders', order('e-3'))).status).toBe(201);
  });

  it('forces 429 for the next N requests', async () => {
    sim.admin.injectRestFault({ path: '/market/all', phase: 'before', action: { kind: 'rate-limit' }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await http.public('/market/all')).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('drops every WebSocket connection on demand (admin endpoint)', async () => {
    const a = await SimWsClient.open(sim.wsUrl);
    const b = await SimWsClient.openPrivate(sim);
    expect((await admin('POST', '/faults/ws/drop')).body).toEqual({ dropped: 2 });
    expect(await a.waitClosed()).toBe(1006);
    expect(await b.waitClosed()).toBe(1006);
  });

  it('stalls the stream: no data while stalled, data again afterwards, connection kept', async () => {
    const ws = await SimWsClient.open(sim.wsUrl);
    ws.send([{ ticket: 's' }, { type: 'trade', codes: ['KRW-BTC'], is_only_realtime: true }]);
    ws.send('PING');
    await ws.next((f) => 'status' in f);
    expect((await admin('POST', '/faults/ws/stall', { ms: 5000 })).status).toBe(200);
    clock.advance(4000);
    ws.send('PING');
    await ws.next((f) => 'status' in f, 1);
    expect(ws.frames).toEqual([{ status: 'UP' }, { status: 'UP' }]);
    clock.advance(2000);
    await ws.next((f) => f['type'] === 'trade');
    expect(ws.closeCode).toBeUndefined();
    ws.close();
  });

  it('lists, validates and clears faults through the admin endpoint', async () => {
    expect((await admin('POST', '/faults/rest', { phase: 'sometimes', action: { kind: 'delay', ms: 1 } })).status).toBe(400);
    expect((await admin('POST', '/faults/rest', { phase: 'before', action: { kind: 'server-error', status: 200 } })).status).toBe(400);
    const created = await admin('POST', '/faults/rest', { path: '/accounts', phase: 'before', action: { kind: 'server-error', status: 502 }, times: 3 });
    expect(created.status).toBe(201);
    const listed = await admin('GET', '/faults');
    expect(listed.body['rest']).toEqual([expect.objectContaining({ id: created.body['id'], path: '/accounts', left: 3 })]);
    await admin('DELETE', '/faults');
    expect((await admin('GET', '/faults')).body['rest']).toEqual([]);
    expect((await http.private('GET', '/accounts')).status).toBe(200);
  });

  it('arms faults given in the options from the start', async () => {
    const armed = await startTestSimulator({ faults: { rest: [{ path: '/market/all', phase: 'before', action: { kind: 'server-error', status: 504 } }] } });
    try {
      expect((await new SimHttpClient(armed.sim).public('/market/all')).status).toBe(504);
    } finally {
      await armed.sim.close();
    }
  });

  describe('myOrder frames and the 418 ban', () => {
    const openMyOrders = async (): Promise<SimWsClient> => {
      const ws = await SimWsClient.openPrivate(sim);
      ws.send([{ ticket: 'p' }, { type: 'myOrder', codes: ['KRW-XRP'] }]);
      ws.send('PING');
      await ws.next((f) => 'status' in f);
      return ws;
    };
    const myOrders = (ws: SimWsClient): Array<{ identifier: unknown; state: unknown }> =>
      ws.frames
        .map((f) => (Array.isArray(f) ? f[0] : f) as Json)
        .filter((f) => f['type'] === 'myOrder')
        .map((f) => ({ identifier: f['identifier'], state: f['state'] }));
    const cancel = (identifier: string): Promise<unknown> => http.private('DELETE', '/order', `identifier=${identifier}`);

    it('duplicates the next myOrder frame (admin endpoint)', async () => {
      const ws = await openMyOrders();
      expect((await admin('POST', '/faults/ws/my-order', { action: { kind: 'duplicate' } })).status).toBe(201);
      await http.post('/orders', order('dup-1'));
      await cancel('dup-1');
      await ws.next((f) => f['state'] === 'cancel');
      expect(myOrders(ws)).toEqual([
        { identifier: 'dup-1', state: 'wait' },
        { identifier: 'dup-1', state: 'wait' },
        { identifier: 'dup-1', state: 'cancel' },
      ]);
      ws.close();
    });

    it('delays a myOrder frame by simulator time, as it was when it happened; later frames overtake it', async () => {
      const ws = await openMyOrders();
      sim.admin.injectMyOrderFault({ action: { kind: 'delay', ms: 5_000 } });
      await http.post('/orders', order('late-frame'));
      await cancel('late-frame');
      await ws.next((f) => f['state'] === 'cancel');
      expect(myOrders(ws)).toEqual([{ identifier: 'late-frame', state: 'cancel' }]);
      clock.advance(5_000);
      await ws.next((f) => f['state'] === 'wait');
      expect(myOrders(ws)).toEqual([
        { identifier: 'late-frame', state: 'cancel' },
        { identifier: 'late-frame', state: 'wait' },
      ]);
      ws.close();
    });

    it('reorders: a held frame goes out right after the next one', async () => {
      const ws = await openMyOrders();
      sim.admin.injectMyOrderFault({ action: { kind: 'reorder' }, times: 1 });
      await http.post('/orders', order('swap-1'));
      await http.post('/orders', order('swap-2'));
      await ws.next((f) => f['identifier'] === 'swap-1');
      expect(myOrders(ws)).toEqual([
        { identifier: 'swap-2', state: 'wait' },
        { identifier: 'swap-1', state: 'wait' },
      ]);
      ws.close();
    });

    it('releases a reordered frame after its wait when no other frame comes, and on clearing faults', async () => {
      const ws = await openMyOrders();
      sim.admin.injectMyOrderFault({ action: { kind: 'reorder', ms: 2_000 }, times: 2 });
      await http.post('/orders', order('alone-1'));
      clock.advance(2_000);
      await ws.next((f) => f['identifier'] === 'alone-1');
      await http.post('/orders', order('alone-2'));
      expect(myOrders(ws)).toEqual([{ identifier: 'alone-1', state: 'wait' }]);
      await admin('DELETE', '/faults');
      await ws.next((f) => f['identifier'] === 'alone-2');
      ws.close();
    });

    it('refuses invalid myOrder faults', async () => {
      expect((await admin('POST', '/faults/ws/my-order', { action: { kind: 'shuffle' } })).status).toBe(400);
      expect((await admin('POST', '/faults/ws/my-order', { action: { kind: 'delay', ms: -1 } })).status).toBe(400);
      expect((await admin('POST', '/faults/ws/my-order', { action: { kind: 'duplicate' }, times: 0 })).status).toBe(400);
    });

    it('bans every REST request and WebSocket upgrade with 418 for the given simulator time', async () => {
      expect((await admin('POST', '/faults/ban', { ms: 10_000 })).status).toBe(200);
      const refused = await http.post('/orders', order('banned-1'));
      expect(refused.status).toBe(418);
      expect(JSON.stringify(refused.body)).toContain('Blocked for 10 seconds');
      expect((await http.public('/ticker?markets=KRW-BTC')).status).toBe(418);
      await expect(SimWsClient.open(sim.wsUrl)).rejects.toThrow(/418/);
      expect(await orderExists('banned-1')).toBe(false);
      clock.advance(10_000);
      expect((await http.post('/orders', order('banned-2'))).status).toBe(201);
      expect((await http.public('/ticker?markets=KRW-BTC')).status).toBe(200);
    });
  });
});
