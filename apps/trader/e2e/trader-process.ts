import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { eventually } from '@trader/runtime';

const root = path.resolve(__dirname, '../../..');
const mainJs = path.join(root, 'dist/trader/apps/trader/src/main.js');

export interface RunningTrader {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the built trader (`nx run trader:build` runs before the tests) with only the given environment. */
export function startTrader(env: Record<string, string>): RunningTrader {
  let output = '';
  const child = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** The URL the trader logs once its HTTP server listens. */
export function listeningUrl(trader: RunningTrader): Promise<string> {
  return eventually(
    () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(trader.output());
      if (!match?.[1]) throw new Error(`not listening yet:\n${trader.output()}`);
      return match[1];
    },
    { timeoutMs: 30_000, intervalMs: 50 },
  );
}

/** The kernel's `started <component>` / `stopped <component>` lines, in order, from the JSON log lines. */
export function componentEvents(output: string, verb: 'started' | 'stopped'): string[] {
  const pattern = new RegExp(`^${verb} ([a-z-]+)$`);
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { context?: string; msg?: string })
    .filter((entry) => entry.context === 'Runtime')
    .map((entry) => pattern.exec(entry.msg ?? '')?.[1])
    .filter((name): name is string => name !== undefined);
}

/** Enters at once and closes on a small move either way: a strategy that trades within seconds. */
export const quickRoundTripStrategy = {
  id: 'quick-round-trip',
  name: 'Quick round trip',
  version: 1,
  enabled: true,
  markets: ['KRW-XRP'],
  timeframe: '1m',
  sizing: { kind: 'fixed_quote', amount: '10000' },
  triggers: [{ id: 'always-enter', kind: 'entry', condition: { left: { variable: 'price' }, operator: '>', right: { value: 1 } } }],
  management: [
    { id: 'take-small-profit', kind: 'take_profit', profitPercent: 0.02, basis: 'average', afterPyramiding: false },
    { id: 'cut-small-loss', kind: 'stop_loss', lossPercent: 0.02 },
  ],
  conflictPolicy: { kind: 'conservative' },
};

/** Calls a trader's admin API with its token; answers with the status and the parsed body. */
export function adminApi(url: string, token: string): (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }> {
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}
