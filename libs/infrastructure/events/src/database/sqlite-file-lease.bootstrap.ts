import Sqlite, { Database } from 'better-sqlite3';
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface SqliteFileLeaseOptions {
  /** The SQLite event store the lease is for; the lease's own files sit beside it. */
  readonly file: string;
  /** Who takes it, for the message another process shows when it finds it held (`trader start, pid 42 on host`). */
  readonly holderName: string;
  /** When it was taken, for that message. Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * The right to write a SQLite event store, held by one process at a time: a trader, or a maintenance
 * command (`trader replay`). SQLite itself lets any number of processes open the file and append to it,
 * so two traders on one file would both trade (the same account, the same strategy, twice); this is what
 * stops the second one.
 *
 * The lease is an exclusive lock SQLite takes on a companion file, `<file>-lease`, in a transaction that
 * stays open while the lease is held. It is a POSIX lock: the operating system drops it when the process
 * ends, however it ends (`kill -9`, a crash, power), so a dead holder never leaves a lease behind. The
 * holder's name goes to `<file>-lease-holder`, a text file read only to explain a refusal. Nothing else
 * in this process may open `<file>-lease` itself: closing any descriptor of a file drops the process's
 * POSIX locks on it (SQLite's own connections to it are safe, it shares their locks).
 *
 * Bootstrap code: it is taken before the app is built, with synchronous calls, and given up at shutdown.
 */
export class SqliteFileLease {
  /** While held: the open lock, and the holder file this lease wrote (removed on release). */
  private holding: { readonly lock: Database; readonly holderFile: string } | undefined;

  constructor(private readonly options: SqliteFileLeaseOptions) {}

  /**
   * The lease's file, beside the store's real path: however the store is named (a relative path, a
   * symlink to it or to its directory), every process finds the same lock.
   */
  get lockFile(): string {
    return `${storePath(this.options.file)}-lease`;
  }

  get holderFile(): string {
    return `${storePath(this.options.file)}-lease-holder`;
  }

  get held(): boolean {
    return this.holding !== undefined;
  }

  /** Takes the lease if no other process (or other lease object of this one) holds it; true when this one holds it. */
  tryAcquire(): boolean {
    if (this.holding) return true;
    // A first start takes it before the store exists: the directory is made here, as the store's opener makes it.
    mkdirSync(dirname(this.options.file), { recursive: true });
    const base = storePath(this.options.file);
    // No busy timeout: a held lease is an answer, not something to wait for.
    const lock = new Sqlite(`${base}-lease`, { timeout: 0 });
    try {
      lock.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      lock.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw error;
    }
    this.holding = { lock, holderFile: `${base}-lease-holder` };
    try {
      writeFileSync(this.holding.holderFile, `${this.options.holderName}, since ${new Date((this.options.now ?? Date.now)()).toISOString()}\n`);
    } catch {
      // Only the explanation of a refusal is lost; the lease itself is held.
    }
    return true;
  }

  /** Who holds the lease, as its holder described itself; null when that is not known. */
  holderName(): string | null {
    try {
      return readFileSync(this.holderFile, 'utf8').trim() || null;
    } catch {
      return null;
    }
  }

  /** Gives the lease up (nothing when it is not held). */
  release(): void {
    const holding = this.holding;
    if (!holding) return;
    this.holding = undefined;
    // The name first: once the lock is gone, the next holder may already have written its own.
    rmSync(holding.holderFile, { force: true });
    holding.lock.close();
  }
}

/** The store file's real path; for a store not created yet, its directory's real path and its name. */
function storePath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return join(realpathSync(dirname(file)), basename(file));
    } catch {
      return resolve(file);
    }
  }
}
