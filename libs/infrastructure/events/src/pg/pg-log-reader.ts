import type { StoredEvent } from '@trader/application';
import type { Client } from 'pg';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import type { EventLogReader } from '../store/event-log-reader';
import { decodeEventRow, eventColumns, EventRow } from '../store/event-row';
import { pgClientError } from './pg-client-error';
import { PgConnectionClosedError } from './pg-database.errors';
import { eventStoreClient } from './event-store-client';
import { quotePgIdentifier, redactPgUrl } from './pg-sync-database';

export interface PgLogReaderOptions {
  /** The account's schema (`accountSchema`). */
  readonly schema: string;
  /** Decodes (and upcasts) as the store it reads does. */
  readonly schemas: EventSchemaRegistry;
  /**
   * The longest a connect or a read may take: the server cancels the statement then
   * (`statement_timeout`) and the reader closes its connection (a late answer could not be told
   * from the next one's).
   */
  readonly answerTimeoutMs: number;
  readonly applicationName?: string;
}

/**
 * Reads an account's log on a PostgreSQL connection of its own, in the event loop: `pg` in this
 * thread, each page one awaited query. Where the store (`PgEventStore`) waits for every answer in
 * `Atomics.wait` (its transactions must not interleave with anything), a reader that only follows
 * what another process appends has nothing to keep atomic, so it waits as any I/O does: the event
 * loop runs meanwhile, however long the server takes, and an answer costs no hop between threads.
 * A read that takes longer than `answerTimeoutMs` fails, and the reader is closed.
 */
export class PgLogReader implements EventLogReader {
  private closed = false;
  private broken: Error | undefined;

  private constructor(
    private readonly client: Client,
    private readonly options: PgLogReaderOptions,
    private readonly database: string,
    private readonly readSql: string,
  ) {}

  /** Connects (within `answerTimeoutMs`); throws when it cannot. */
  static async open(url: string, options: PgLogReaderOptions): Promise<PgLogReader> {
    const client = eventStoreClient(url, {
      applicationName: options.applicationName ?? `upbit-trader ${options.schema} reader`,
      answerTimeoutMs: options.answerTimeoutMs,
      statementTimeoutMs: options.answerTimeoutMs,
    });
    const readSql = `SELECT ${eventColumns} FROM ${quotePgIdentifier(options.schema)}.events WHERE position > $1 ORDER BY position LIMIT $2`;
    const reader = new PgLogReader(client, options, redactPgUrl(url), readSql);
    // A connection lost between reads: without a listener its error would end the process.
    client.on('error', (error) => {
      reader.broken = error;
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw reader.translate(error);
    }
    return reader;
  }

  async readAfter(after: number, limit: number): Promise<StoredEvent[]> {
    if (this.closed) throw new PgConnectionClosedError(this.database);
    if (this.broken) throw this.broken;
    let rows: EventRow[];
    try {
      // A named statement: parsed and planned once per connection.
      rows = (await this.client.query<EventRow>({ name: 'read-after', text: this.readSql, values: [after, limit], rowMode: 'array' })).rows;
    } catch (error) {
      await this.close();
      throw this.translate(error);
    }
    return rows.map((row) => decodeEventRow(row, this.options.schemas));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => undefined);
  }

  private translate(error: unknown): Error {
    return pgClientError(error, this.database, this.options.answerTimeoutMs, this.readSql);
  }
}
