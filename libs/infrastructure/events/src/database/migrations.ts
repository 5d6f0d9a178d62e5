/** One step of the schema. Versions are consecutive from 1; a step is never edited once released. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema of the event database. `position` is the rowid: SQLite assigns max(rowid) + 1 inside the
 * single write transaction, and rows are never deleted, so positions are gap-free for every reader.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        stream_id      TEXT    NOT NULL,
        stream_version INTEGER NOT NULL,
        event_id       TEXT    NOT NULL,
        event_type     TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        payload        TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        recorded_at    INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX events_stream ON events (stream_id, stream_version);
      CREATE UNIQUE INDEX events_event_id ON events (event_id);`,
  },
  {
    version: 2,
    name: 'snapshots',
    sql: `
      CREATE TABLE snapshots (
        stream_id      TEXT    PRIMARY KEY,
        aggregate_type TEXT    NOT NULL,
        stream_version INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        state          TEXT    NOT NULL,
        taken_at       INTEGER NOT NULL
      ) WITHOUT ROWID;`,
  },
  {
    version: 3,
    name: 'checkpoints',
    sql: `
      CREATE TABLE checkpoints (
        subscriber TEXT    PRIMARY KEY,
        position   INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;`,
  },
  {
    version: 4,
    name: 'dead letters',
    sql: `
      CREATE TABLE dead_letters (
        id         INTEGER PRIMARY KEY,
        subscriber TEXT    NOT NULL,
        position   INTEGER NOT NULL,
        event_id   TEXT    NOT NULL,
        stream_id  TEXT    NOT NULL,
        event_type TEXT    NOT NULL,
        error      TEXT    NOT NULL,
        attempts   INTEGER NOT NULL,
        status     TEXT    NOT NULL CHECK (status IN ('parked', 'resolved', 'discarded')),
        parked_at  INTEGER NOT NULL,
        closed_at  INTEGER
      );
      CREATE INDEX dead_letters_status ON dead_letters (status, subscriber);`,
  },
  {
    // The admin API reads a correlation chain (a decision, its order, fills, position change) by id;
    // without this index that was a scan of the whole log on the event loop. The expression must match
    // the store's query exactly for SQLite to use it; rowid (the position) is part of every index entry.
    // json_valid guards the expression: a corrupt row must stay readable (and be parked by the bus),
    // not make this migration or a later write fail with "malformed JSON".
    version: 5,
    name: 'events by correlation id',
    sql: `
      CREATE INDEX events_correlation ON events (CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.correlationId') END);`,
  },
];
