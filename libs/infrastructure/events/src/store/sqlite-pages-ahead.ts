import type { StoredEvent } from '@trader/application';
import { Worker } from 'node:worker_threads';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { decodeEventColumnPage, EventColumnPage } from './event-column-page';
import type { EventPagesAhead } from './event-log';
import { PageReaderError } from './event-store.errors';
import { pageReaderWorkerSource } from './page-reader.worker.source';

export interface SqlitePagesAheadOptions {
  /** The database file (WAL), opened read-only by the worker. */
  readonly file: string;
  readonly schemas: EventSchemaRegistry;
  readonly busyTimeoutMs?: number;
  /** Pages the worker may read before the first of them is taken. Default 2. */
  readonly ahead?: number;
  /**
   * Most rows the worker reads per query: a page comes in parts of at most this many, fewer when rows
   * are wide (see page-reader.worker.source.ts). Default 250.
   */
  readonly partRows?: number;
  /** The same rows one by one, on the caller's connection: for a page whose columns cannot be taken apart. */
  readonly readRows: (from: number, to: number, types: readonly string[] | undefined, limit: number, metadataOf?: ReadonlySet<string>) => Iterable<StoredEvent>;
}

/** One part of a page: `limit` rows were asked for; fewer means the range ended. */
type WorkerMessage = { readonly id: number; readonly page: EventColumnPage & { readonly limit: number } } | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

interface OpenRead {
  readonly id: number;
  receive(message: WorkerMessage | Error): void;
}

/**
 * Reads long ranges of a SQLite event log on a worker thread of its own, a few pages ahead of the
 * caller (see `page-reader.worker.source.ts`). The worker runs the page queries; this thread only parses
 * each page's column texts and upcasts, so a rebuild's reading and applying overlap on two cores.
 * One range at a time.
 */
export class SqlitePagesAhead implements EventPagesAhead {
  private readonly worker: Worker;
  private readonly ahead: number;
  private readonly partRows: number;
  private nextId = 0;
  private open: OpenRead | undefined;
  private ended: Error | undefined;
  private closing = false;

  constructor(private readonly options: SqlitePagesAheadOptions) {
    this.ahead = Math.max(1, options.ahead ?? 2);
    this.partRows = Math.max(1, options.partRows ?? 250);
    this.worker = new Worker(pageReaderWorkerSource, {
      eval: true,
      // Plain JavaScript needing nothing but better-sqlite3: the parent's preloads (a TypeScript loader
      // under `node -r`) would only slow its start, by about 250 ms here.
      execArgv: [],
      // Its pages are large strings, which only a full collection frees: with V8's default limits the
      // thread let them pile up by 100 MB and more between collections (RSS after GC at the quarters of
      // a rebuild of 1,000,000 events: 323 / 253 / 242 / 359 MB; with these, 235 / 235 / 239 / 231). A
      // page larger than this heap fails the read, and the rebuild reads on inline (rebuildProjections).
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
      workerData: { file: options.file, sqlitePath: require.resolve('better-sqlite3'), busyTimeoutMs: options.busyTimeoutMs ?? 5_000 },
    });
    this.worker.on('message', (message: WorkerMessage) => {
      if (this.open?.id === message.id) this.open.receive(message);
    });
    // Without listeners, a worker's error would end the process; here it ends the read in progress.
    this.worker.on('error', (error: Error) => this.end(new PageReaderError(error.message)));
    this.worker.on('exit', (code) => this.end(new PageReaderError(this.closing ? 'the reader was closed' : `the reader thread exited (code ${code})`)));
    // Between reads it must not keep the process alive on its own; `close` ends it.
    this.worker.unref();
  }

  async *pages(from: number, to: number, types: readonly string[] | undefined, pageSize: number, metadataOf?: ReadonlySet<string>): AsyncGenerator<StoredEvent[]> {
    if (this.open) throw new PageReaderError('another range is being read');
    if (this.ended) throw this.ended;
    const id = (this.nextId += 1);
    const queue: (WorkerMessage | Error)[] = [];
    let wake: (() => void) | undefined;
    this.open = {
      id,
      receive: (message) => {
        queue.push(message);
        wake?.();
      },
    };
    let finished = false;
    // While a read is waiting for pages, the worker keeps the process alive (an awaited page would otherwise end it).
    this.worker.ref();
    try {
      this.worker.postMessage({ op: 'read', id, from, to, types: types ?? null, metadataOf: metadataOf ? [...metadataOf] : null, pageSize, partRows: this.partRows, ahead: this.ahead });
      let events: StoredEvent[] = [];
      let unacknowledged = 0;
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const message = queue.shift() as WorkerMessage | Error;
        if (message instanceof Error) throw message;
        if ('error' in message) throw new PageReaderError(`${message.error.message}${message.error.code ? ` (${message.error.code})` : ''}`);
        // A whole page acknowledged at once, as its last part arrives and before it is decoded: the worker
        // reads on while this thread works. One message per part woke the worker four times as often, and
        // each wake could take this thread's core from it (about 6 % of a rebuild's profile, in postMessage).
        const { page } = message;
        unacknowledged += page.count;
        if (unacknowledged >= pageSize) {
          this.worker.postMessage({ op: 'ack', id, rows: unacknowledged });
          unacknowledged = 0;
        }
        const part =
          decodeEventColumnPage(page, this.options.schemas, metadataOf) ?? [...this.options.readRows(page.from, page.last ?? to, types, page.count, metadataOf)];
        if (events.length === 0) events = part;
        else for (const event of part) events.push(event);
        if (page.count < page.limit) finished = true;
        if (finished || events.length === pageSize) {
          yield events;
          events = [];
        }
        if (finished) return;
      }
    } finally {
      if (!finished && !this.ended) this.worker.postMessage({ op: 'stop', id });
      this.open = undefined;
      this.worker.unref();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
    this.end(new PageReaderError('the reader was closed'));
  }

  private end(error: PageReaderError): void {
    this.ended ??= error;
    this.open?.receive(error);
  }
}
