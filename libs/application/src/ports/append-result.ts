/** What an append did. A replayed append (every event id already stored) reports `duplicate: true`. */
export interface AppendResult {
  readonly streamId: string;
  /** The stream version after the append: pass it as the next `expectedVersion`. */
  readonly nextExpectedVersion: number;
  /** Global position of the last event of this append (or of the already stored copy). */
  readonly lastPosition: number;
  /** Number of events written by this call. */
  readonly appended: number;
  readonly duplicate: boolean;
}

/**
 * `durability: 'full'` makes this append fsync the WAL before it returns (SQLite `synchronous=FULL`);
 * the default `'normal'` survives a process crash but may lose the last commits on power loss.
 */
export interface AppendOptions {
  readonly durability?: 'normal' | 'full';
}
