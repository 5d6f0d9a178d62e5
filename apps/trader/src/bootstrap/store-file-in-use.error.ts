/**
 * A SQLite event store's lease is held by another process (a running trader, or a `trader replay`):
 * this one, about to write to the same file, stopped before it changed anything.
 */
export class StoreFileInUseError extends Error {
  readonly code = 'STORE_FILE_IN_USE';

  constructor(
    readonly command: string,
    readonly file: string,
    readonly holder: string | null,
  ) {
    super(
      `${command}: ${file} is in use by ${holder === null ? 'another process' : holder}. One process at a time writes a SQLite event store: stop that one first (an instance that waits as a standby beside an active one needs PostgreSQL). Nothing was changed`,
    );
    this.name = 'StoreFileInUseError';
  }
}
