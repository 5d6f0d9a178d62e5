import { isPgUrl, SqliteFileLease } from '@trader/events';
import { hostname } from 'node:os';
import { StoreFileInUseError } from './store-file-in-use.error';

/**
 * Takes the lease of a SQLite event store for `command` (`start`, `replay`, `db copy`), before it
 * writes anything: SQLite lets several processes write one file, so without it two traders on one file
 * would both trade. Refuses with `StoreFileInUseError` while another process holds it. Null for a
 * PostgreSQL store, whose account lease does this (`PgAccountLease`).
 */
export function takeStoreFileLease(location: string, command: string): SqliteFileLease | null {
  if (isPgUrl(location)) return null;
  const lease = new SqliteFileLease({ file: location, holderName: `trader ${command} (pid ${process.pid} on ${hostname()})` });
  if (!lease.tryAcquire()) throw new StoreFileInUseError(`trader ${command}`, location, lease.holderName());
  return lease;
}
