/** An account name that is refused as a schema name. */
export class InvalidAccountNameError extends Error {
  override readonly name = 'InvalidAccountNameError';
  constructor(readonly account: string) {
    super(`account name ${JSON.stringify(account)} must be 1-40 characters of a-z, 0-9 and _, starting with a letter`);
  }
}

/**
 * The PostgreSQL schema of an account: `trader_<account>`. Every table of the event store and its read
 * models lives there, so accounts sharing a database never see each other's streams, positions,
 * checkpoints or read models, and one account's appends never wait for another's.
 */
export function accountSchema(account = 'default'): string {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(account)) throw new InvalidAccountNameError(account);
  return `trader_${account}`;
}
