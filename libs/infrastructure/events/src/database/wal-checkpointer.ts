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
  /** Frames waiting to be copied at which a request checkpoints; fewer, it does nothing. Default 1,000 (SQLite's automatic checkpoint). */
  readonly thresholdPages?: number;
  /** The database's page size, for the size of the log at which the thread is first started. Default 4,096. */
  readonly pageSize?: number;
  readonly busyTimeoutMs?: number;
}

/** What one request did: `ran` false when fewer than the threshold's frames were waiting. */
export interface WalCheckpointResult {
  readonly ran: boolean;
  /** Frames in the log not yet copied into the database file, before this request; undefined when the WAL index could not be read. */
  readonly pendingFrames: number | undefined;
  /** After a checkpoint: frames in the log, frames now copied, and whether a reader or writer kept it from copying them all. */
  readonly logFrames?: number;
  readonly checkpointedFrames?: number;
  readonly busy?: boolean;
}

type Reply =
  | { readonly id: number; readonly pending: number | undefined; readonly ran: false }
  | { readonly id: number; readonly pending: number | undefined; readonly ran: true; readonly busy: number; readonly log: number; readonly checkpointed: number }
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
 * Each `checkpoint()` asks the thread once; the runtime asks on a timer (see `EventStoreRuntime`). The
 * thread starts on the first request that finds the log file at the threshold's size (a short-lived
 * process that writes little never starts it), and again on the next such request after it failed or
 * ended: a failed request rejects with `WalCheckpointError`. While it is down the main connection's own
 * automatic checkpoint, set to a higher threshold by the runtime, keeps the log bounded.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private starts = 0;
  private closed = false;
  private readonly thresholdPages: number;

  constructor(private readonly options: WalCheckpointerOptions) {
    this.thresholdPages = Math.max(1, options.thresholdPages ?? 1_000);
  }

  /** How often its thread was started (more than once: it failed and was started again). */
  get threadStarts(): number {
    return this.starts;
  }

  async checkpoint(): Promise<WalCheckpointResult> {
    if (this.closed) throw new WalCheckpointError('the checkpointer was closed');
    if (!this.worker && (await this.logBytes()) < this.thresholdPages * (this.options.pageSize ?? 4_096)) return { ran: false, pendingFrames: undefined };
    if (this.closed) throw new WalCheckpointError('the checkpointer was closed');
    const worker = this.worker ?? this.startThread();
    const id = (this.nextId += 1);
    // While a request waits, the thread keeps the process alive (an awaited answer would otherwise end it).
    worker.ref();
    return new Promise<WalCheckpointResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ op: 'checkpoint', id, thresholdPages: this.thresholdPages });
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
      else if (!reply.ran) waiting.resolve({ ran: false, pendingFrames: reply.pending });
      else waiting.resolve({ ran: true, pendingFrames: reply.pending, logFrames: reply.log, checkpointedFrames: reply.checkpointed, busy: reply.busy !== 0 });
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
