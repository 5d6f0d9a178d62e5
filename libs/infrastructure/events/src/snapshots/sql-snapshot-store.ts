import type { Snapshot, SnapshotStore } from '@trader/application';
import type { SqlDatabase, SqlStatement } from '../database/sql-database';
import { assertNoOpenTransaction } from '../database/write-transaction';

/**
 * The application's `SnapshotStore` in the event database, SQLite or PostgreSQL (`SqlDatabase`).
 * Snapshots are a cache over the stream: written after the events commit, outside the append
 * transaction; an older snapshot never replaces a newer one unless its schema version differs.
 */
export class SqlSnapshotStore implements SnapshotStore {
  private readonly select: SqlStatement;
  private readonly upsert: SqlStatement;

  private readonly withinCallerTransaction: boolean;

  /** `withinCallerTransaction`: as the event store's option (a backtest run holds one transaction around everything). */
  constructor(
    private readonly db: SqlDatabase,
    options: { readonly withinCallerTransaction?: boolean } = {},
  ) {
    this.withinCallerTransaction = options.withinCallerTransaction === true;
    // Aliases are quoted: PostgreSQL folds unquoted ones to lower case (`streamversion`), SQLite keeps them as written.
    this.select = db.prepare(
      `SELECT stream_id AS "streamId", aggregate_type AS "aggregateType", stream_version AS "streamVersion",
              schema_version AS "schemaVersion", state, taken_at AS "takenAt"
       FROM snapshots WHERE stream_id = ?`,
    );
    this.upsert = db.prepare(
      `INSERT INTO snapshots (stream_id, aggregate_type, stream_version, schema_version, state, taken_at)
       VALUES (@streamId, @aggregateType, @streamVersion, @schemaVersion, @state, @takenAt)
       ON CONFLICT (stream_id) DO UPDATE SET
         aggregate_type = excluded.aggregate_type, stream_version = excluded.stream_version,
         schema_version = excluded.schema_version, state = excluded.state, taken_at = excluded.taken_at
       WHERE excluded.stream_version > snapshots.stream_version OR excluded.schema_version <> snapshots.schema_version`,
    );
  }

  load(streamId: string): Snapshot | undefined {
    return this.select.get(streamId) as Snapshot | undefined;
  }

  async save(snapshot: Snapshot): Promise<void> {
    if (!this.withinCallerTransaction) assertNoOpenTransaction(this.db, 'a snapshot write');
    this.upsert.run(snapshot);
  }
}
