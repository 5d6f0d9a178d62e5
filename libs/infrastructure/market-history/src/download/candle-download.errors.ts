/** A download request that cannot be run (the field and value named); nothing was fetched. */
export class InvalidDownloadRequestError extends Error {
  readonly code = 'INVALID_DOWNLOAD_REQUEST';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${field} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidDownloadRequestError';
  }
}

/** The exchange answered a page in a way that cannot move the download on (it would loop forever). */
export class DownloadStalledError extends Error {
  readonly code = 'DOWNLOAD_STALLED';

  constructor(
    readonly market: string,
    readonly cursor: number,
    readonly detail: string,
  ) {
    super(`Download of ${market} cannot go on below ${new Date(cursor).toISOString()}: ${detail}`);
    this.name = 'DownloadStalledError';
  }
}
