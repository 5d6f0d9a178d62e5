/**
 * A maintenance command (`replay`, `db copy`) found its account's lease held by another session: a
 * trader of that account is running there. Nothing was changed.
 */
export class AccountInUseError extends Error {
  readonly code = 'ACCOUNT_IN_USE';

  constructor(
    readonly command: string,
    readonly account: string,
    readonly holder: string | null,
  ) {
    super(
      `${command}: account ${account} is in use: ${holder === null ? 'another session' : `"${holder}"`} holds its lease, so a trader of it is running; stop it (and let no standby take over) before ${command}. Nothing was changed`,
    );
    this.name = 'AccountInUseError';
  }
}
