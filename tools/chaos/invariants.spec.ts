import { Dec, ManualClock } from '@trader/domain';
import { EventStoreRuntime, tradingReadModelEntities } from '@trader/events';
import { silentLogger, TaskManager } from '@trader/runtime';
import { startSimulator } from '@trader/upbit-sim';
import type { RunningSimulator } from '@trader/upbit-sim';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAgainstExchange, Violation } from './invariants';

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Upbit's HS512 token with the query hash of the body's params, as any client signs it. */
function sign(sim: RunningSimulator, params: Record<string, string>): string {
  const account = sim.accounts[0] ?? { accessKey: '', secretKey: '' };
  const query = Object.entries(params).map(([k, v]) => `${k}=${v}`).join('&');
  const payload = { access_key: account.accessKey, nonce: randomUUID(), query_hash: createHash('sha512').update(query).digest('hex'), query_hash_alg: 'SHA512' };
  const unsigned = `${base64url({ alg: 'HS512', typ: 'JWT' })}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha512', account.secretKey).update(unsigned).digest('base64url')}`;
}

/** The soak's checks must be able to fail: each planted discrepancy is reported with its order. */
describe('chaos invariants', () => {
  let sim: RunningSimulator;
  let dir: string;
  let database: string;
  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: 3, markets: ['KRW-XRP'] });
    dir = mkdtempSync(join(tmpdir(), 'chaos-invariants-'));
    database = join(dir, 'trader.db');
    const tasks = new TaskManager(new ManualClock(), silentLogger);
    const runtime = new EventStoreRuntime({ path: database, clock: new ManualClock(), tasks, readModelEntities: [...tradingReadModelEntities] });
    await runtime.readModelDataSource();
    await runtime.stop();
    await tasks.shutdown(1_000);
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (params: Record<string, string>): Promise<number> =>
    (await fetch(`${sim.restUrl}/orders`, { method: 'POST', headers: { authorization: `Bearer ${sign(sim, params)}`, 'content-type': 'application/json' }, body: JSON.stringify(params) })).status;
  const of = (violations: Violation[], check: number): Violation[] => violations.filter((v) => v.check === check);

  it('reports an exchange order the trader does not know, an identifier POSTed twice, a position off the trade history, and an unreachable runtime', async () => {
    const identifier = randomUUID();
    const order = { market: 'KRW-XRP', side: 'bid', price: '10000', ord_type: 'price', identifier };
    expect(await post(order)).toBe(201);
    expect(await post(order)).toBe(400);
    const accountId = sim.exchange.accountByAccessKey(sim.accounts[0]?.accessKey ?? '')?.id ?? '';
    const initialKrw = new Dec(100_000_000);

    const violations = await checkAgainstExchange({ sim, accountId, initialKrw, database, traderUrl: undefined, token: 'x' }, true);

    expect(of(violations, 1)).toEqual([expect.objectContaining({ orderIds: [identifier], message: expect.stringContaining('unknown to the trader') })]);
    expect(of(violations, 2)).toEqual([{ check: 2, message: 'identifier POSTed 2 times', orderIds: [identifier] }]);
    expect(of(violations, 3)).toEqual([expect.objectContaining({ message: expect.stringMatching(/^KRW-XRP position: trader 0, exchange trades imply [0-9.]+$/) })]);
    expect(of(violations, 6).map((v) => v.message)).toEqual(['GET /api/v1/runtime answered 0', 'GET /api/v1/dead-letters answered 0']);
  });
});
