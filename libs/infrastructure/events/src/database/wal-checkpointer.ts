import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { WalCheckpointError } from './database.errors';
import { walCheckpointerWorkerSource } from './wal-checkpointer.worker.source';

/** SQLite's `synchronous` levels a checkpoint can run at (the connection's it relieves). */
export type CheckpointSynchronous = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export interface WalCheckpointerOptions {
  /** The database file (WAL mode), opened by the thread's own connection. */
  readonly file: string;
  readonly synchronous: CheckpointSynchronous;
  /**
   * The size of the log file, in pages, at which the thread is first started: until then requests do
   * nothing (a short run never starts it). Default 1,000, SQLite's automatic checkpoint.
   */
  readonly startPages?: number;
  /** The database's page size. Default 4,096. */
  readonly pageSize?: number;
  readonly busyTimeoutMs?: number;
}

/** What one request did: `ran` false while the thread is not started (the log is still short). */
export type WalCheckpointResult =
  | { readonly ran: false }
  /** Frames in the log, frames copied into the database file so far, and whether a reader or writer kept it from copying them all. */
  | { readonly ran: true; readonly logFrames: number; readonly checkpointedFrames: number; readonly busy: boolean };

type Reply =
  | { readonly id: number; readonly busy: number; readonly log: number; readonly checkpointed: number }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

interface Waiting {
  resolve(result: WalCheckpointResult): void;
  reject(error: WalCheckpointError): void;
}

/**
 * Checkpoints a SQLite file's write-ahead log on a worker thread of its own (see
 * `wal-checkpointer.worker.source.ts`), so that the main connection's commits never do it: SQLite's
 * automatic checkpoint runs inside the commit that crosses its threshold and copies up to 1,000 pages
 * and syncs two files there, which held the event loop for 5 to 15 ms here (`critical_p99_under_flood_ms`).
 *
 * Each `checkpoint()` runs one passive checkpoint on the thread; the runtime asks on a timer (see
 * `EventStoreRuntime`). The thread starts on the first request that finds the log file at
 * `startPages` (a short-lived process that writes little never starts it), and again on the next
 * request after it failed or ended: a failed request rejects with `WalCheckpointError`. The size comes
 * from `stat`, which opens nothing: no descriptor of the database's files may be opened and closed
 * beside SQLite's (see the worker's source). While it is down the main connection's own
 * automatic checkpoint, set to a higher threshold by the runtime, keeps the log bounded.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private starts = 0;
  private closed = false;
  private readonly startPages: number;

  constructor(private readonly options: WalCheckpointerOptions) {
    this.startPages = Math.max(1, options.startPages ?? 1_000);
  }

  /** How often its thread was started (more than once: it failed and was started again). */
  get threadStarts(): number {
    return this.starts;
  }

  async checkpoint(): Promise<WalCheckpointResult> {
    if (this.closed) throw new WalCheckpointError('the checkpointer was closed');
    if (!this.worker && (await this.logBytes()) < this.startPages * (this.options.pageSize ?? 4_096)) return { ran: false };
    if (this.closed) throw new WalCheckpointError('the checkpointer was closed');
    const worker = this.worker ?? this.startThread();
    const id = (this.nextId += 1);
    // While a request waits, the thread keeps the process alive (an awaited answer would otherwise end it).
    worker.ref();
    return new Promise<WalCheckpointResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ op: 'checkpoint', id });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failWaiting('the checkpointer was closed');
  }

  /** The size of the log file (it keeps its largest size after a checkpoint; 0 when there is none). */
  private async logBytes(): Promise<number> {
    try {
      return (await stat(`${this.options.file}-wal`)).size;
    } catch {
      return 0;
    }
  }

  private startThread(): Worker {
    const worker = new Worker(walCheckpointerWorkerSource, {
      eval: true,
      // Plain JavaScript needing nothing but better-sqlite3: the parent's preloads would only slow its start.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
      workerData: {
        file: this.options.file,
        sqlitePath: require.resolve('better-sqlite3'),
        synchronous: this.options.synchronous,
        busyTimeoutMs: this.options.busyTimeoutMs ?? 5_000,
      },
    });
    let failure: string | undefined;
    worker.on('message', (reply: Reply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(new WalCheckpointError(`${reply.error.message}${reply.error.code ? ` (${reply.error.code})` : ''}`));
      else waiting.resolve({ ran: true, logFrames: reply.log, checkpointedFrames: reply.checkpointed, busy: reply.busy !== 0 });
    });
    // Without a listener a worker's error would end the process; here it ends the requests in flight.
    worker.on('error', (error: Error) => {
      failure = error.message;
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failWaiting(this.closed ? 'the checkpointer was closed' : `its thread ended (${failure ?? `exit code ${code}`})`);
    });
    worker.unref();
    this.worker = worker;
    this.starts += 1;
    return worker;
  }

  private failWaiting(reason: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const request of waiting) request.reject(new WalCheckpointError(reason));
  }
}
