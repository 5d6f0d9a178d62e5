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
