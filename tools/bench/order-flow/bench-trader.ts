import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { BENCH_MARKETS, SimAddresses } from './bench-exchange';

const root = path.resolve(__dirname, '../../..');
const mainJs = path.join(root, 'dist/trader/apps/trader/src/main.js');
const TOKEN = 'order-flow-bench-token-0123456789';

export type AdminCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

export interface BenchTrader {
  readonly url: string;
  readonly databasePath: string;
  readonly api: AdminCall;
  /** The last lines the process wrote, for a failure message. */
  outputTail(): string;
  stop(): Promise<void>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, tail: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`trader: ${what} did not happen within ${timeoutMs} ms\n${tail()}`);
    await delay(100);
  }
}

/**
 * The built trader (`dist/`, as `npm start` runs it) against the bench exchange, with risk limits far
 * above the load, once it trades and the reference strategy is disabled: only the load's orders flow.
 */
export async function startBenchTrader(sim: SimAddresses, account: { accessKey: string; secretKey: string }, dataDir: string): Promise<BenchTrader> {
  const databasePath = path.join(dataDir, 'trader.db');
  let tail = '';
  const child: ChildProcess = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      NO_COLOR: '1',
      TRADER_PORT: '0',
      TRADER_TOKEN: TOKEN,
      TRADER_DB: databasePath,
      TRADER_MARKETS: BENCH_MARKETS.join(','),
      TRADER_MAX_ORDER_KRW: '100000000',
      TRADER_MAX_POSITION_KRW: '10000000000',
      TRADER_MAX_OPEN_ORDERS: '1000',
      TRADER_MAX_ORDERS_PER_SECOND: '100',
      TRADER_MAX_DAILY_LOSS_KRW: '10000000000',
      UPBIT_REST_URL: sim.restUrl,
      UPBIT_WS_URL: sim.wsUrl,
      UPBIT_PRIVATE_WS_URL: sim.privateWsUrl,
      UPBIT_ACCESS_KEY: account.accessKey,
      UPBIT_SECRET_KEY: account.secretKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const outputTail = (): string => tail;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await until('listening', async () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(tail)?.[1], 60_000, outputTail);
    const api: AdminCall = async (method, route, body) => {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    };
    await until('trading', async () => ((await api('GET', '/api/v1/session')).body as { mode?: string }).mode === 'trading' || undefined, 60_000, outputTail);
    await until('the reference strategy defined', async () => ((await api('GET', '/api/v1/strategies')).body as unknown[]).length > 0 || undefined, 30_000, outputTail);
    const disabled = await api('POST', '/api/v1/strategies/basic-seven-rules/disable');
    if (disabled.status >= 300) throw new Error(`disabling the reference strategy answered ${disabled.status}: ${JSON.stringify(disabled.body)}`);
    return { url, databasePath, api, outputTail, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
