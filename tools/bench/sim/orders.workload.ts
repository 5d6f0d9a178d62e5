import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ManualSimClock, RunningSimulator, startSimulator } from '@trader/upbit-sim';
import { Pool } from 'undici';
import { runLanes, signUpbit } from './bench-clients';

const KEYS = { accessKey: 'bench-access', secretKey: 'bench-secret' };
const CONCURRENCY = 8;

/** Alternating market buys (10,000 KRW) and market sells (3 XRP): every order matches at once. */
function orderBody(i: number): Record<string, string> {
  return i % 2 === 0
    ? { market: 'KRW-XRP', side: 'bid', price: '10000', ord_type: 'price' }
    : { market: 'KRW-XRP', side: 'ask', volume: '3', ord_type: 'market' };
}

async function benchSimulator(): Promise<{ sim: RunningSimulator; clock: ManualSimClock }> {
  const clock = new ManualSimClock(Date.UTC(2026, 0, 5));
  const sim = await startSimulator({
    clock,
    seed: 5,
    warmup: { steps: 10, stepMs: 60_000 },
    rateLimits: false,
    accounts: [{ ...KEYS, balances: { KRW: '1000000000000', XRP: '1000000000' } }],
  });
  return { sim, clock };
}

/** One signed POST; the baseline signs too, so the ratio isolates the server's work. */
async function post(pool: Pool, path: string, body: Record<string, string>): Promise<number> {
  const query = Object.entries(body)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    authorization: `Bearer ${signUpbit(KEYS.accessKey, KEYS.secretKey, query)}`,
  };
  const reply = await pool.request({ method: 'POST', path, headers, body: JSON.stringify(body) });
  await reply.body.text();
  return reply.statusCode;
}

export interface OrdersResult {
  readonly restOrdersPerS: number;
  readonly rawPostsPerS: number;
  readonly engineOrdersPerS: number;
  readonly failures: number;
}

/** REST: 8 keep-alive lanes, a fresh JWT per order, each order matched before the answer. */
async function restOrders(durationMs: number): Promise<{ perS: number; failures: number }> {
  const { sim, clock } = await benchSimulator();
  const pool = new Pool(sim.baseUrl, { connections: CONCURRENCY, pipelining: 1 });
  let failures = 0;
  const started = Date.now();
  const done = await runLanes(CONCURRENCY, started + durationMs, async (lane, i) => {
    if (lane === 0 && i % 100 === 99) clock.advance(500);
    if ((await post(pool, '/v1/orders', orderBody(i + lane))) !== 201) failures++;
  });
  const perS = done / ((Date.now() - started) / 1000);
  await pool.close();
  await sim.close();
  return { perS, failures };
}

/** Baseline: a bare node:http server answering every POST with a fixed 201 JSON, same (signing) client. */
async function rawPosts(durationMs: number): Promise<number> {
  const reply = JSON.stringify({ uuid: '00000000-0000-4000-8000-000000000000', state: 'wait' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: CONCURRENCY, pipelining: 1 });
  const started = Date.now();
  const done = await runLanes(CONCURRENCY, started + durationMs, async (lane, i) => {
    await post(pool, '/v1/orders', orderBody(i + lane));
  });
  const perS = done / ((Date.now() - started) / 1000);
  await pool.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return perS;
}

/** The matching engine alone, in process: validation, locking, matching, fees, events. */
async function engineOrders(durationMs: number): Promise<number> {
  const { sim, clock } = await benchSimulator();
  const account = sim.exchange.accountByAccessKey(KEYS.accessKey);
  if (account === undefined) throw new Error('bench account missing');
  const started = Date.now();
  let done = 0;
  while (Date.now() - started < durationMs) {
    for (let i = 0; i < 100; i++) sim.exchange.placeOrder(account.id, orderBody(done + i));
    done += 100;
    clock.advance(500);
  }
  const perS = done / ((Date.now() - started) / 1000);
  await sim.close();
  return perS;
}

export async function orders(durationMs: number): Promise<OrdersResult> {
  const rest = await restOrders(durationMs);
  const rawPostsPerS = await rawPosts(durationMs);
  const engineOrdersPerS = await engineOrders(durationMs);
  return { restOrdersPerS: rest.perS, failures: rest.failures, rawPostsPerS, engineOrdersPerS };
}
