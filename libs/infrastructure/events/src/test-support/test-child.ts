import { ChildProcessByStdio, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const workspaceRoot = resolve(__dirname, '../../../../..');

/** How a child process ended: its exit code or the signal that killed it, and what it wrote to stderr. */
export interface TestChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** A `*.child.ts` script of this folder running in its own Node process (TypeScript compiled on load). */
export interface TestChild {
  /** Every line the child printed so far, `ready` included. */
  readonly lines: readonly string[];
  /** Resolves once the child printed `ready` (its store is open); rejects when it ends before that. */
  readonly ready: Promise<void>;
  /** Resolves when the child has ended, however it ended. */
  readonly exited: Promise<TestChildExit>;
  /** Lets a child that waits for it (`waitForGo`) start its work. */
  go(): void;
  /** Calls `listener` with each line printed from now on. */
  onLine(listener: (line: string) => void): void;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts `test-support/<script>` with `args`. Children talk in lines on stdout: `ready` when they can
 * start, then whatever their test reads. Starting them on `go` (not at a fixed time) lets several
 * children start together however long each took to compile and open its store.
 */
export function spawnTestChild(script: string, args: readonly string[]): TestChild {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', join(__dirname, script), ...args],
    { cwd: workspaceRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let buffer = '';
  let stderr = '';
  let markReady!: () => void;
  let failReady!: (error: Error) => void;
  const ready = new Promise<void>((resolvePromise, reject) => {
    markReady = resolvePromise;
    failReady = reject;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const complete = buffer.split('\n');
    buffer = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      if (line === 'ready') markReady();
      for (const listener of listeners) listener(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // A child killed before it read its stdin makes writes to it fail with EPIPE: that is not the test's concern.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<TestChildExit>((resolvePromise) => {
    child.on('exit', (code, signal) => {
      failReady(new Error(`${script} ended before it was ready (code ${String(code)}, signal ${String(signal)}): ${stderr}`));
      resolvePromise({ code, signal, stderr });
    });
  });
  // `ready` may never be awaited (a test that only waits for the exit); its rejection is reported there.
  ready.catch(() => undefined);
  return {
    lines,
    ready,
    exited,
    go: () => child.stdin.end('go\n'),
    onLine: (listener) => listeners.push(listener),
    kill: (signal) => child.kill(signal),
  };
}

/** The JSON a child printed as its last line, once it has exited with code 0. */
export async function childResult<T>(child: TestChild): Promise<T> {
  const { code, stderr } = await child.exited;
  if (code !== 0) throw new Error(`child failed with code ${String(code)}: ${stderr}`);
  return JSON.parse(child.lines[child.lines.length - 1] ?? 'null') as T;
}
