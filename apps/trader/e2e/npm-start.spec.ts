import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '@trader/runtime';

const root = resolve(__dirname, '../../..');
const bin = join(root, 'apps/trader/bin/trader.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns a command in its own process group, as a shell starts a foreground job, so a test can signal
 * the whole group the way a terminal's Ctrl-C does.
 */
function spawnGroup(command: string, args: string[], env: Record<string, string>): Started {
  let output = '';
  const child = spawn(command, args, {
    cwd: root,
    // A small environment: the outer `nx run trader:test` must not leak its task variables into the
    // `nx run trader:build` that `npm start` runs.
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      NO_COLOR: '1',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      npm_config_update_notifier: 'false',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  return { child, output: () => output, exited };
}

/** The trader's port and pid, from its log once it listens (npm start may build first). */
function listening(started: Started): Promise<{ port: number; pid: number }> {
  return eventually(
    () => {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(started.output())?.[1];
      const pid = /"pid":(\d+)/.exec(started.output())?.[1];
      if (!port || !pid) throw new Error(`not listening yet:\n${started.output()}`);
      return { port: Number(port), pid: Number(pid) };
    },
    { timeoutMs: 80_000, intervalMs: 100 },
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the connection error code, or 'connected' when something still listens. */
function connectOutcome(port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

describe('running the trader without orphans (npm start and the trader bin)', () => {
  let dataDir: string;
  const leftovers: number[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trader-npm-start-'));
  });
  afterEach(() => {
    // A failed run must not leave a trader behind on this shared machine.
    for (const pid of leftovers.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('SIGTERM to the npm process stops the trader: once npm has exited, no trader process holds the port', async () => {
    const npm = spawnGroup('npm', ['start'], { TRADER_PORT: '0', TRADER_DB: join(dataDir, 'sigterm.db') });
    leftovers.push(npm.child.pid as number);
    const trader = await listening(npm);
    leftovers.push(trader.pid);

    npm.child.kill('SIGTERM');
    const exit = await npm.exited;

    expect(isRunning(trader.pid)).toBe(false);
    expect(await connectOutcome(trader.port)).toBe('ECONNREFUSED');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(npm.output()).toContain('"msg":"SIGTERM received: stopping"');
    expect(npm.output()).toContain('"msg":"stopped loop-guard"');
  }, 100_000);

  it('Ctrl-C (SIGINT to the whole process group) stops the trader cleanly, once, and npm exits 0 after it', async () => {
    const npm = spawnGroup('npm', ['start'], { TRADER_PORT: '0', TRADER_DB: join(dataDir, 'sigint.db') });
    leftovers.push(npm.child.pid as number);
    const trader = await listening(npm);
    leftovers.push(trader.pid);

    // The terminal signals every process of the foreground group, and npm forwards its own copy.
    process.kill(-(npm.child.pid as number), 'SIGINT');
    const exit = await npm.exited;

    expect(isRunning(trader.pid)).toBe(false);
    expect(await connectOutcome(trader.port)).toBe('ECONNREFUSED');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(npm.output()).not.toContain('forcing exit');
    expect(npm.output()).toContain('"msg":"stopped loop-guard"');
  }, 100_000);

  it('the trader bin runs the built code directly: the spawned process is the trader, and SIGTERM stops it with exit 0', async () => {
    const direct = spawnGroup(bin, ['start'], { TRADER_PORT: '0', TRADER_DB: join(dataDir, 'bin.db') });
    leftovers.push(direct.child.pid as number);
    const trader = await listening(direct);

    expect(trader.pid).toBe(direct.child.pid);
    direct.child.kill('SIGTERM');
    expect(await direct.exited).toEqual({ code: 0, signal: null });
    expect(await connectOutcome(trader.port)).toBe('ECONNREFUSED');
  }, 60_000);

  it('the trader bin dispatches the CLI commands too, with the same usage and exit codes', async () => {
    const direct = spawnGroup(bin, ['no-such-command'], {});
    expect(await direct.exited).toEqual({ code: 2, signal: null });
    expect(direct.output()).toContain('usage: trader [command]');
  }, 30_000);
});
