/** The API keys could not be loaded. The message names where they were looked for, never their value. */
export class UpbitCredentialsError extends Error {
  readonly code = 'UPBIT_CREDENTIALS';

  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`Upbit API keys from ${source}: ${problem}`);
    this.name = 'UpbitCredentialsError';
  }
}
