import type { Migration } from '../database/migrations';

/**
 * The PostgreSQL schema of the event database, step for step the SQLite one (same versions and names,
 * so `schema_migrations` reads the same in both). Each account's tables live in its own schema.
 *
 * `position` is assigned by the appender under a transaction-scoped advisory lock (see PgEventStore):
 * max + 1, so positions are gap-free and commit in order, as SQLite's rowid is.
 */
export const pgMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE events (
        position       BIGINT  PRIMARY KEY,
        stream_id      TEXT    NOT NULL,
        stream_version BIGINT  NOT NULL,
        event_id       TEXT    NOT NULL,
        event_type     TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        payload        TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        recorded_at    BIGINT  NOT NULL
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
        stream_version BIGINT  NOT NULL,
        schema_version INTEGER NOT NULL,
        state          TEXT    NOT NULL,
        taken_at       BIGINT  NOT NULL
      );`,
  },
  {
    version: 3,
    name: 'checkpoints',
    sql: `
      CREATE TABLE checkpoints (
        subscriber TEXT   PRIMARY KEY,
        position   BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );`,
  },
  {
    version: 4,
    name: 'dead letters',
    sql: `
      CREATE TABLE dead_letters (
        id         BIGSERIAL PRIMARY KEY,
        subscriber TEXT    NOT NULL,
        position   BIGINT  NOT NULL,
        event_id   TEXT    NOT NULL,
        stream_id  TEXT    NOT NULL,
        event_type TEXT    NOT NULL,
        error      TEXT    NOT NULL,
        attempts   INTEGER NOT NULL,
        status     TEXT    NOT NULL CHECK (status IN ('parked', 'resolved', 'discarded')),
        parked_at  BIGINT  NOT NULL,
        closed_at  BIGINT
      );
      CREATE INDEX dead_letters_status ON dead_letters (status, subscriber);`,
  },
  {
    // Unlike SQLite's, this expression refuses metadata that is not JSON at insert time: the store
    // only writes JSON.stringify's output, so only a hand-made row could, and PostgreSQL stops it.
    version: 5,
    name: 'events by correlation id',
    sql: `
      CREATE INDEX events_correlation ON events (((metadata::jsonb) ->> 'correlationId'), position);`,
  },
];
