/** A stored snapshot: the state of a stream at `streamVersion`, as JSON text. */
export interface Snapshot {
  readonly streamId: string;
  readonly aggregateType: string;
  readonly streamVersion: number;
  readonly schemaVersion: number;
  readonly state: string;
  readonly takenAt: number;
}

/**
 * Snapshots are a cache over a stream: written after the events commit, outside the append
 * transaction; a missing or outdated snapshot only makes loading slower.
 */
export interface SnapshotStore {
  load(streamId: string): Snapshot | undefined;
  save(snapshot: Snapshot): Promise<void>;
}
