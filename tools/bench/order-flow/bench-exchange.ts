import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** Two accounts, so the trader and the baseline client each have their own rate-limit budget (Upbit counts per key). */
export const BENCH_ACCOUNTS = [
  { accessKey: 'bench-trader-access-key', secretKey: 'bench-trader-secret-key-0123456789abcdef', balances: { KRW: '10000000000', BTC: '50', ETH: '2000' } },
  { accessKey: 'bench-baseline-access-key', secretKey: 'bench-baseline-secret-key-0123456789abcdef', balances: { KRW: '10000000000', BTC: '50', ETH: '2000' } },
] as const;

export const BENCH_MARKETS = ['KRW-BTC', 'KRW-ETH'] as const;

export interface SimAddresses {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly privateWsUrl: string;
  readonly adminUrl: string;
}

export interface BenchExchange extends SimAddresses {
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '../../..');

/** Starts sim-process.ts as a child (TypeScript through swc, as `npm run sim` does) and reads its addresses. */
export async function startBenchExchange(): Promise<BenchExchange> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', path.join(__dirname, 'sim-process.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before it listened`)));
  });
  lines.close();
  child.stdout?.resume();
  const addresses = JSON.parse(first) as SimAddresses;
  return {
    ...addresses,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
