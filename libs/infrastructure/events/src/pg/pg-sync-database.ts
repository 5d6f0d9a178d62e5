import { performance } from 'node:perf_hooks';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlTransaction, SqlTransactionBody } from '../database/sql-database';
import { PgConnectionClosedError, PgConnectionLostError, PgQueryError, PgTransactionAbortedError } from './pg-database.errors';
import { pgWorkerSource } from './pg-worker.source';
import { toPgPlaceholders } from './sqlite-placeholders';

export interface PgSyncDatabaseOptions {
  /** The schema statements run in (`search_path`); it is created by the migrations. Default `public`. */
  readonly schema?: string;
  /** PostgreSQL's `statement_timeout`; default 30 s. */
  readonly statementTimeoutMs?: number;
  /** How long the event loop waits for an answer before the connection is declared lost; default statement timeout + 5 s. */
  readonly answerTimeoutMs?: number;
  readonly applicationName?: string;
}

interface PgQuery {
  readonly text: string;
  readonly values: readonly unknown[];
  readonly name?: string;
  readonly array?: boolean;
}

interface PgResult {
  readonly rows: unknown[];
  readonly rowCount: number;
}

type Reply = PgResult | { readonly results: PgResult[] } | { readonly error: { message: string; code?: string; detail?: string; constraint?: string } };

/** `postgres://user:secret@host/db` without the secret, for logs and errors. */
export function redactPgUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** Whether `location` (a `TRADER_DB` value) names a PostgreSQL database rather than a SQLite file. */
export function isPgUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export function quotePgIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A synchronous PostgreSQL connection with better-sqlite3's shape (see `SqlDatabase`). The connection
 * lives in a worker thread; each call posts its statement there and blocks the event loop in
 * `Atomics.wait` until the answer is back, as better-sqlite3 blocks on the disk. So the event store's
 * whole design carries over unchanged: an append, a projection batch and its checkpoint are each one
 * transaction that nothing else in the process can interleave with (docs/decisions/0012).
 *
 * Statements are named prepared statements (parsed once per connection). A transaction's BEGIN goes
 * with its first statement, in one round trip.
 */
export class PgSyncDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly name: string;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private readonly answerTimeoutMs: number;
  private depth = 0;
  /** Parameterless statements (BEGIN, SAVEPOINT) sent with the next request. */
  private pending: string[] = [];
  private statements = 0;
  private isOpen = true;
  /** The first statement that failed inside the open transaction and that no savepoint rollback has undone. */
  private failure: { readonly depth: number; readonly error: PgQueryError } | undefined;

  constructor(
    readonly url: string,
    options: PgSyncDatabaseOptions = {},
  ) {
    this.name = redactPgUrl(url);
    const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
    this.answerTimeoutMs = options.answerTimeoutMs ?? statementTimeoutMs + 5_000;
    const shared = new SharedArrayBuffer(4);
    this.flag = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const setup = [
      `SET statement_timeout = ${Math.max(0, Math.floor(statementTimeoutMs))}`,
      ...(options.schema ? [`SET search_path TO ${quotePgIdentifier(options.schema)}`] : []),
    ].join('; ');
    this.worker = new Worker(pgWorkerSource, {
      eval: true,
      // Plain JavaScript needing nothing but pg: the parent's preloads (a TypeScript loader under
      // `node -r`) would only slow its start, by about 250 ms.
      execArgv: [],
      workerData: { url, flag: shared, port: port2, setup, pgPath: require.resolve('pg'), applicationName: options.applicationName ?? 'upbit-trader' },
      transferList: [port2],
    });
    // A worker that dies is a lost connection, which the waiting call reports (PgConnectionLostError);
    // without a listener its error would end the whole process.
    this.worker.on('error', () => undefined);
    // The worker must never keep the process alive on its own; `close` ends it.
    this.worker.unref();
    this.port.unref();
    // The first call waits for the connection: a wrong URL fails here, at start-up, not at the first append.
    try {
      this.query('SELECT 1', []);
    } catch (error) {
      // Nobody can close a connection whose constructor failed: end its worker here.
      this.isOpen = false;
      void this.worker.terminate();
      throw error;
    }
  }

  get open(): boolean {
    return this.isOpen;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(sql: string): SqlStatement {
    return new PgStatement(this, sql, this.statementName('trader'));
  }

  /** A name for a prepared statement, unique on this connection. */
  statementName(prefix: string): string {
    this.statements += 1;
    return `${prefix}_${this.statements}`;
  }

  exec(sql: string): this {
    this.flushPendingWith(undefined);
    this.unwrap(this.call({ op: 'exec', text: sql }), sql);
    return this;
  }

  /** Runs one statement (in PostgreSQL's `$n` placeholders). */
  query(text: string, values: readonly unknown[], options: { name?: string; array?: boolean } = {}): PgResult {
    const query: PgQuery = { text, values, ...options };
    if (this.pending.length > 0) return this.flushPendingWith(query) as PgResult;
    return this.unwrap(this.call({ op: 'query', query }), text) as PgResult;
  }

  /**
   * Runs several statements in one round trip to the worker, stopping at the first error. A batch that
   * runs inside one transaction (opened by it or before it, and ended, if at all, by its last
   * statement) is also one network round trip: its statements are pipelined.
   */
  batch(queries: readonly PgQuery[]): PgResult[] {
    const all = [...this.pending.map((text): PgQuery => ({ text, values: [] })), ...queries];
    const skip = this.pending.length;
    this.pending = [];
    const pipelined = this.insideOneTransaction(all);
    const reply = this.unwrap(this.call({ op: 'batch', queries: all, pipelined }), queries.map((q) => q.text).join('; ')) as { results: PgResult[] };
    return reply.results.slice(skip);
  }

  transaction<F extends SqlTransactionBody>(fn: F): SqlTransaction<F> {
    const run = (...args: unknown[]): ReturnType<F> => {
      const savepoint = this.depth > 0 ? `trader_sp_${this.depth}` : undefined;
      this.pending.push(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN');
      const queued = this.pending.length;
      this.depth += 1;
      const depth = this.depth;
      let result: ReturnType<F>;
      try {
        result = fn(...args) as ReturnType<F>;
      } catch (error) {
        this.depth -= 1;
        this.finish(queued, savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` : 'ROLLBACK');
        // Rolled back: a statement that failed in here no longer dooms the transaction.
        if (this.failure && this.failure.depth >= depth) this.failure = undefined;
        throw error;
      }
      this.depth -= 1;
      const failure = savepoint ? undefined : this.failure;
      if (failure) {
        // The body caught a statement's error and returned. PostgreSQL has aborted the transaction and
        // would answer COMMIT with a silent rollback: the caller must not believe its work is stored.
        this.failure = undefined;
        this.finish(queued, 'ROLLBACK');
        throw new PgTransactionAbortedError(this.name, failure.error);
      }
      this.finish(queued, savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
      return result;
    };
    return Object.assign(run, { immediate: run }) as unknown as SqlTransaction<F>;
  }

  close(): this {
    if (!this.isOpen) return this;
    try {
      this.call({ op: 'close' });
    } catch {
      // Closing a lost connection: the worker is terminated below either way.
    }
    this.isOpen = false;
    void this.worker.terminate();
    return this;
  }

  /**
   * Whether every statement of `queries` runs inside one transaction: then a failed statement aborts
   * it and the server refuses the statements after it, so sending them all at once (pipelined) is as
   * safe as stopping at the failure. Outside a transaction each statement commits on its own.
   */
  private insideOneTransaction(queries: readonly PgQuery[]): boolean {
    const [first] = queries;
    if (!first) return false;
    if (this.depth === 0 && !/^\s*BEGIN\b/i.test(first.text)) return false;
    // Anything that ends the transaction (or rolls back to a savepoint, which un-aborts it) may only come last.
    const ending = /(^|;)\s*(COMMIT|END|ROLLBACK|ABORT|PREPARE\s+TRANSACTION)\b/i;
    return queries.slice(0, -1).every((query) => !ending.test(query.text));
  }

  /** Ends a transaction: nothing to send when its BEGIN is still queued (it ran no statement). */
  private finish(queued: number, end: string): void {
    if (this.pending.length >= queued) {
      this.pending.length = queued - 1;
      return;
    }
    this.exec(end);
  }

  private flushPendingWith(query: PgQuery | undefined): PgResult | undefined {
    if (this.pending.length === 0) return undefined;
    const results = this.batch(query ? [query] : []);
    return results[0];
  }

  private unwrap(reply: Reply, sql: string): PgResult | { results: PgResult[] } {
    if (!('error' in reply)) return reply;
    const error = new PgQueryError(reply.error.message, reply.error.code, reply.error.detail, reply.error.constraint, sql);
    if (this.depth > 0 && !this.failure) this.failure = { depth: this.depth, error };
    throw error;
  }

  private call(request: object): Reply {
    if (!this.isOpen) throw new PgConnectionClosedError(this.name);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
    // A wake-up is not always this request's answer: the worker sets the flag and then notifies, so
    // when this thread saw the previous answer's flag before that notify, the notify lands in this
    // wait, before this answer exists. Wait again until the answer is there (the worker sets the flag
    // after posting it, so a flag of 1 means it can be received) or the time is up.
    const deadline = performance.now() + this.answerTimeoutMs;
    let received = receiveMessageOnPort(this.port);
    while (!received) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.flag, 0, 0, left) === 'timed-out') break;
      received = receiveMessageOnPort(this.port);
    }
    if (!received) {
      this.isOpen = false;
      void this.worker.terminate();
      throw new PgConnectionLostError(this.name, this.answerTimeoutMs);
    }
    return received.message as Reply;
  }
}

class PgStatement implements SqlStatement {
  private readonly text: string;
  private readonly names: readonly string[] | undefined;
  private plucked = false;
  private rawRows = false;

  constructor(
    private readonly db: PgSyncDatabase,
    sql: string,
    private readonly statementName: string,
  ) {
    const translated = toPgPlaceholders(sql);
    this.text = translated.text;
    this.names = translated.names;
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    if (toggle) this.rawRows = false;
    return this;
  }

  raw(toggle = true): this {
    this.rawRows = toggle;
    if (toggle) this.plucked = false;
    return this;
  }

  run(...params: unknown[]): SqlRunResult {
    const result = this.execute(params, false);
    return { changes: result.rowCount, lastInsertRowid: 0 };
  }

  get(...params: unknown[]): unknown {
    const rows = this.execute(params, this.plucked || this.rawRows).rows;
    if (rows.length === 0) return undefined;
    return this.plucked ? (rows[0] as unknown[])[0] : rows[0];
  }

  all(...params: unknown[]): unknown[] {
    const rows = this.execute(params, this.plucked || this.rawRows).rows;
    return this.plucked ? rows.map((row) => (row as unknown[])[0]) : rows;
  }

  private execute(params: unknown[], array: boolean): PgResult {
    return this.db.query(this.text, this.values(params), { name: this.statementName, array });
  }

  private values(params: unknown[]): unknown[] {
    if (this.names) {
      const bag = (params[0] ?? {}) as Record<string, unknown>;
      return this.names.map((name) => toPgValue(bag[name]));
    }
    // As better-sqlite3: an array argument is a list of positional parameters (`run([a, b])` is `run(a, b)`),
    // which the read models use to bind a multi-row upsert. A PostgreSQL array is one element of such a list.
    return params.flat().map(toPgValue);
  }
}

/** better-sqlite3's parameter conventions in PostgreSQL's terms. */
function toPgValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}
