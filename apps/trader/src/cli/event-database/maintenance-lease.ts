import { isPgUrl, PgAccountLease } from '@trader/events';
import type { SqliteFileLease } from '@trader/events';
import { takeStoreFileLease } from '../../bootstrap/store-file-lease.bootstrap';
import { hostname } from 'node:os';
import { AccountInUseError } from './account-in-use.error';

/**
 * Takes the account's lease for a maintenance command on PostgreSQL (`replay`, `db copy`), as a trader
 * takes it to trade: while the command holds it, no trader of the account can be active (one starting
 * meanwhile waits as a standby, and takes over once the command releases it). Refuses with
 * `AccountInUseError`, having changed nothing, when a trader holds it already. For a SQLite file, its
 * file lease (`takeStoreFileLease`): a trader starting meanwhile refuses to start, and the command
 * refuses with `StoreFileInUseError` while a trader runs on the file.
 */
export function takeMaintenanceLease(location: string, account: string, command: string): PgAccountLease | SqliteFileLease | null {
  if (!isPgUrl(location)) return takeStoreFileLease(location, command);
  const lease = new PgAccountLease({ url: location, account, applicationName: `upbit-trader ${command} ${account} ${hostname()}:${process.pid}` });
  let taken = false;
  try {
    taken = lease.tryAcquire();
    if (!taken) throw new AccountInUseError(command, account, lease.holderName());
    return lease;
  } finally {
    if (!taken) lease.release();
  }
}
