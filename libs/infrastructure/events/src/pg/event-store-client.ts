import { Client } from 'pg';
import { pgNumberTypes } from './pg-number-types';

export interface EventStoreClientOptions {
  readonly applicationName: string;
  /** How long a connect, or a query's answer, may take (`connectionTimeoutMillis`, `query_timeout`). */
  readonly answerTimeoutMs: number;
  /** The server's own `statement_timeout`. */
  readonly statementTimeoutMs: number;
}

/**
 * An event-loop `pg` client of the event store (its appends, a standby's reads), not yet connected:
 * bounded connects and answers, and int8 read as numbers on this client only (`pgNumberTypes`).
 */
export function eventStoreClient(url: string, options: EventStoreClientOptions): Client {
  return new Client({
    connectionString: url,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.answerTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.answerTimeoutMs,
    types: pgNumberTypes,
  });
}
