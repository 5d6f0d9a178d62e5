/** The client was stopped (shutdown) while a request waited for its turn. Nothing was sent. */
export class UpbitClientStoppedError extends Error {
  readonly code = 'UPBIT_CLIENT_STOPPED';

  constructor(readonly where: string) {
    super(`The Upbit client is stopped (${where})`);
    this.name = 'UpbitClientStoppedError';
  }
}
