/**
 * An append refused because this process does not hold its account's lease: it is a standby, or its
 * lease connection was lost and another instance may be the active one now. Nothing was written.
 */
export class AccountLeaseNotHeldError extends Error {
  override readonly name = 'AccountLeaseNotHeldError';
  readonly code = 'ACCOUNT_LEASE_NOT_HELD';

  constructor(readonly schema: string) {
    super(`this instance does not hold the lease of account schema ${schema} (it is a standby, or lost the lease): nothing was appended`);
  }
}

/** A lease handed to a store it cannot guard: another account's schema, or a SQLite file. */
export class AccountLeaseMismatchError extends Error {
  override readonly name = 'AccountLeaseMismatchError';
  readonly code = 'ACCOUNT_LEASE_MISMATCH';

  constructor(readonly reason: string) {
    super(`account lease refused: ${reason}`);
  }
}

/**
 * The lease was free, but the fence key drawn for it was not: some other session holds a random
 * 64-bit advisory lock key this process just drew. The lease is given back at once, nothing is held.
 */
export class LeaseFenceTakenError extends Error {
  override readonly name = 'LeaseFenceTakenError';
  readonly code = 'LEASE_FENCE_TAKEN';

  constructor(
    readonly schema: string,
    readonly fenceKey: string,
  ) {
    super(`the lease of account schema ${schema} was free, but its fence key ${fenceKey} is held by another session; the lease was given back`);
  }
}
