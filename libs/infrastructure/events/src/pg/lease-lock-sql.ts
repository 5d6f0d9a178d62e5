/**
 * The condition on a `pg_locks` row for the account lease: a session-level advisory lock on one bigint
 * key (classid: its high half, objid: its low half), granted, on the key hashed from `keySql`. Used by
 * the lease's own periodic check and by `holderName`; appends ask the cheaper question of the lease's
 * fence instead (see PgAccountLease).
 */
export const leaseLockRowSql = (keySql: string): string =>
  `locktype = 'advisory' AND objsubid = 1 AND granted AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(${keySql}, 0)`;

/** The SQLSTATE `append_events` raises when the caller's lease session no longer holds the lock ("UT": upbit-trader's own). */
export const LEASE_NOT_HELD_SQLSTATE = 'UT001';
