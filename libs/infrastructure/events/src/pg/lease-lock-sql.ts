/**
 * The condition on a `pg_locks` row for the account lease: a session-level advisory lock on one bigint
 * key (classid: its high half, objid: its low half), granted, on the key hashed from `keySql`. Shared
 * by the lease's own checks and by the append fence inside `append_events`, so both ask the same thing.
 */
export const leaseLockRowSql = (keySql: string): string =>
  `locktype = 'advisory' AND objsubid = 1 AND granted AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(${keySql}, 0)`;

/** The SQLSTATE `append_events` raises when the caller's lease session no longer holds the lock ("UT": upbit-trader's own). */
export const LEASE_NOT_HELD_SQLSTATE = 'UT001';
