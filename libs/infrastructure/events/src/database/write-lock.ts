/**
 * Serialises writers that share the database file. Appends run synchronously inside it (better-sqlite3
 * is synchronous), while a projection may hold it across awaits for a TypeORM transaction on its own
 * connection: without the lock an append issued meanwhile would wait on SQLite's busy handler, on the
 * same thread that has to finish the projection's transaction.
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  /** Runs `fn` now if the lock is free (no extra tick on the hot path), otherwise after the holders. */
  run<T>(fn: () => T): Promise<T> {
    if (!this.held) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.runExclusive(async () => fn());
  }

  /** Holds the lock until `fn` settles. */
  async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }
}
