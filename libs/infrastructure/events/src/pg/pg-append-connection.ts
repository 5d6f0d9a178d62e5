import type { Client } from 'pg';
import { pgClientError } from './pg-client-error';
import { PgConnectionClosedError, PgQueryError } from './pg-database.errors';
import { eventStoreClient } from './event-store-client';
import { quotePgIdentifier, redactPgUrl } from './pg-sync-database';

export interface PgAppendConnectionOptions {
  /** The account's schema (`accountSchema`): the connection's `search_path`, as the store's own. */
  readonly schema: string;
  /** PostgreSQL's `statement_timeout`; default 30 s, as the store's worker connection. */
  readonly statementTimeoutMs?: number;
  /** The longest a connect or an append waits for the server; default statement timeout + 5 s. */
  readonly answerTimeoutMs?: number;
  readonly applicationName?: string;
}

/**
 * A second connection of the event store, for its one-statement appends (`append_events`, see
 * PgEventStore): `pg` in the event loop, each append one awaited query. The store's worker connection
 * (PgSyncDatabase) blocks the thread in `Atomics.wait` for every answer, which its transactions need;
 * a one-statement autocommitted append has nothing to keep atomic with anything else in the process,
 * and on the worker it cost a second thread's wake-up per answer (about 0.15 ms of a 0.7 ms append at
 * full durability, docs/benchmarks.md) and held the event loop for the whole server round trip.
 *
 * It connects on the first append. A connection that breaks is dropped, and the next append opens a
 * new one: the append that was in flight fails, and a retry with the same event ids is idempotent
 * (the store finds them stored). Named statements are prepared once per connection.
 */
export class PgAppendConnection {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private closed = false;
  private readonly database: string;
  private readonly statementTimeoutMs: number;
  private readonly answerTimeoutMs: number;

  constructor(
    private readonly url: string,
    private readonly options: PgAppendConnectionOptions,
  ) {
    this.database = redactPgUrl(url);
    this.statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
    this.answerTimeoutMs = options.answerTimeoutMs ?? this.statementTimeoutMs + 5_000;
  }

  /** Connects now rather than on the first append (a process about to append: connecting costs the server a new session). */
  async open(): Promise<void> {
    await this.connected();
  }

  /** Runs one named statement; rows as arrays. */
  async query(name: string, text: string, values: readonly unknown[]): Promise<unknown[][]> {
    const client = await this.connected();
    try {
      return (await client.query<unknown[]>({ name, text, values: values as unknown[], rowMode: 'array' })).rows;
    } catch (error) {
      const translated = pgClientError(error, this.database, this.answerTimeoutMs, text);
      // A statement the server refused leaves the connection usable; anything else may not have.
      if (!(translated instanceof PgQueryError)) this.drop(client);
      throw translated;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    this.connecting = undefined;
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<Client> {
    if (this.closed) return Promise.reject(new PgConnectionClosedError(this.database));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    const client = eventStoreClient(this.url, {
      applicationName: this.options.applicationName ?? `upbit-trader ${this.options.schema} appends`,
      answerTimeoutMs: this.answerTimeoutMs,
      statementTimeoutMs: this.statementTimeoutMs,
    });
    // A connection lost between appends: without a listener its error would end the process.
    client.on('error', () => this.drop(client));
    try {
      await client.connect();
      // As the worker connection sets it: a `options` parameter would replace one the URL may carry.
      await client.query(`SET search_path TO ${quotePgIdentifier(this.options.schema)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw pgClientError(error, this.database, this.answerTimeoutMs, 'connect');
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new PgConnectionClosedError(this.database);
    }
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
  }
}
