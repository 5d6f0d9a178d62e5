/**
 * A write asked of a standby instance: another instance of the account is active and takes writes;
 * this one serves reads until it takes over. Answered 503, so a client or proxy retries elsewhere.
 */
export class InstanceIsStandbyError extends Error {
  override readonly name = 'InstanceIsStandbyError';
  readonly code = 'INSTANCE_IS_STANDBY';

  constructor(readonly operation: string) {
    super(`${operation} refused: this instance is a standby (another instance of this account is active and takes writes; this one serves reads and takes over when that one stops)`);
  }
}
