import { isPgUrl, PgAccountLease } from '@trader/events';
import { hostname } from 'node:os';
import type { TraderConfig } from '../config/trader-config';

/**
 * The account's lease, opened before the app is built (the event store fences its appends with it),
 * or null with SQLite, where the file's lease keeps a second trader from starting at all
 * (`takeStoreFileLease`). Its session is named after this machine and process, so
 * `pg_stat_activity` shows which instance holds the lease.
 */
export function openAccountLease(config: TraderConfig): PgAccountLease | null {
  if (!isPgUrl(config.databasePath)) return null;
  return new PgAccountLease({ url: config.databasePath, account: config.account, applicationName: `upbit-trader lease ${config.account} ${hostname()}:${process.pid}` });
}
