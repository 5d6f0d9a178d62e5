import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, WriteStream } from 'node:fs';
import * as path from 'node:path';
import { eventually } from '@trader/runtime';

const root = path.resolve(__dirname, '../..');
export const TRADER_MAIN = path.join(root, 'dist/trader/apps/trader/src/main.js');

export class TraderNotBuiltError extends Error {
  readonly code = 'TRADER_NOT_BUILT';

  constructor() {
    super(`${TRADER_MAIN} is missing: build the trader first with \`npx tsc -p apps/trader/tsconfig.app.json\``);
    this.name = 'TraderNotBuiltError';
  }
}

/**
 * The built trader as a child process that the soak kills with SIGKILL and starts again on the same
 * database. Each start logs to its own file in the run directory, so a failing seed leaves its evidence.
 */
export class TraderProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private recent = '';
  private currentUrl: string | undefined;
  private starts = 0;
  private spawnedAt = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {
    if (!existsSync(TRADER_MAIN)) throw new TraderNotBuiltError();
  }

  /** The admin API's base URL while a started process listens; undefined while it is down. */
  get url(): string | undefined {
    return this.currentUrl;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Epoch ms when the current process was spawned: its own start-up events are recorded after it. */
  get startedAt(): number {
    return this.spawnedAt;
  }

  async start(): Promise<string> {
    this.starts += 1;
    this.spawnedAt = Date.now();
    this.recent = '';
    const log: WriteStream = createWriteStream(path.join(this.logDir, `trader-${this.starts}.log`));
    const child = spawn(process.execPath, [TRADER_MAIN], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const capture = (chunk: Buffer): void => {
      log.write(chunk);
      // Only the start of the output is searched (for the listening line): keep it bounded.
      if (this.recent.length < 200_000) this.recent += chunk.toString();
    };
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    this.exited = new Promise((resolve) =>
      child.on('exit', () => {
        log.end();
        this.currentUrl = undefined;
        resolve();
      }),
    );
    this.child = child;
    const url = await eventually(
      () => {
        if (child.exitCode !== null) throw new TraderExitedError(child.exitCode, this.recent);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(this.recent);
        if (!match?.[1]) throw new Error(`the trader does not listen yet:\n${this.recent.slice(-2_000)}`);
        return match[1];
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    this.currentUrl = url;
    return url;
  }

  /** kill -9: no chance to flush, close or finish anything. */
  async kill(): Promise<void> {
    this.currentUrl = undefined;
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the exit (the end of a run). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGTERM');
    await this.exited;
  }

  get startCount(): number {
    return this.starts;
  }
}

export class TraderExitedError extends Error {
  readonly code = 'TRADER_EXITED';

  constructor(
    readonly exitCode: number,
    output: string,
  ) {
    super(`the trader exited with code ${exitCode} while starting:\n${output.slice(-4_000)}`);
    this.name = 'TraderExitedError';
  }
}
