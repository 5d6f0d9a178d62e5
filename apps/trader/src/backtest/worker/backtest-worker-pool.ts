import type { BacktestProgress } from '@trader/application';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BacktestJob, BacktestJobResult, RunJobMessage, WorkerMessage } from './backtest-job';
import { BacktestJobFailedError, BacktestPoolClosedError } from './backtest-job.errors';

export interface BacktestWorkerPoolOptions {
  /** Worker threads at most (default: one per core, os.availableParallelism()). */
  readonly size?: number;
}

/** What the caller hears of a job before it ends. */
export interface BacktestJobHooks {
  /** A worker took the job. */
  readonly onStart?: () => void;
  readonly onProgress?: (progress: BacktestProgress) => void;
}

interface QueuedJob {
  readonly id: number;
  readonly job: BacktestJob;
  readonly hooks: BacktestJobHooks;
  readonly resolve: (result: BacktestJobResult) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly thread: Worker;
  current: QueuedJob | null;
}

/**
 * Runs backtests in worker threads, never on the caller's thread (the trading loop must not stall on a
 * year of candles). Threads start on demand up to `size`; jobs wait in a FIFO queue. A job that throws
 * rejects its promise with a BacktestJobFailedError and its thread takes the next job; a thread that
 * dies fails its job and is replaced. `close()` terminates every thread and fails the queued jobs.
 */
export class BacktestWorkerPool {
  readonly size: number;
  private readonly workers: PoolWorker[] = [];
  private readonly queue: QueuedJob[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: BacktestWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
  }

  run(job: BacktestJob, hooks: BacktestJobHooks = {}): Promise<BacktestJobResult> {
    if (this.closed) return Promise.reject(new BacktestPoolClosedError());
    return new Promise<BacktestJobResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, hooks, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.reject(new BacktestPoolClosedError());
    const workers = this.workers.splice(0);
    for (const worker of workers) worker.current?.reject(new BacktestPoolClosedError());
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.workers.find((w) => w.current === null) ?? (this.workers.length < this.size ? this.spawn() : null);
      if (!worker) return;
      const queued = this.queue.shift() as QueuedJob;
      worker.current = queued;
      const message: RunJobMessage = { kind: 'run', jobId: queued.id, job: queued.job };
      worker.thread.postMessage(message);
      queued.hooks.onStart?.();
    }
  }

  private spawn(): PoolWorker {
    const thread = startWorkerThread();
    const worker: PoolWorker = { thread, current: null };
    thread.on('message', (message: WorkerMessage) => this.onMessage(worker, message));
    thread.on('error', (error) => this.onDeath(worker, `the backtest worker failed: ${error.message}`));
    thread.on('exit', (code) => this.onDeath(worker, `the backtest worker exited with code ${code}`));
    this.workers.push(worker);
    return worker;
  }

  private onMessage(worker: PoolWorker, message: WorkerMessage): void {
    const current = worker.current;
    if (!current || current.id !== message.jobId) return;
    switch (message.kind) {
      case 'progress':
        current.hooks.onProgress?.(message.progress);
        return;
      case 'done':
        worker.current = null;
        current.resolve(message.result);
        break;
      case 'failed':
        worker.current = null;
        current.reject(new BacktestJobFailedError(message.error.message, message.error.name));
        break;
    }
    this.dispatch();
  }

  private onDeath(worker: PoolWorker, reason: string): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    const current = worker.current;
    worker.current = null;
    current?.reject(new BacktestJobFailedError(reason, 'WorkerDied'));
    if (!this.closed) this.dispatch();
  }
}

/**
 * The worker entry is the .ts source under jest and swc-node, and tsc's .js twin in the built app
 * (which registers the @trader/* aliases itself, see bootstrap/register-aliases.ts).
 */
function startWorkerThread(): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `backtest-worker${extension}`);
  return extension === '.ts' ? new Worker(entry, { execArgv: ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register'] }) : new Worker(entry);
}
