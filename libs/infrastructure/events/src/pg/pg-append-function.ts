import { LEASE_NOT_HELD_SQLSTATE } from './lease-lock-sql';
import { quotePgIdentifier } from './pg-sync-database';

/**
 * The key of the account schema's append lock, as SQL: every appender takes it, transaction-scoped,
 * before it reads the last position (see PgEventStore). `trader db copy` holds the same key.
 */
export const appendLockKeySql = "hashtextextended('upbit-trader:append:' || current_schema(), 0)";

/**
 * `append_events`: the usual append as one statement, so it is one message to the server and one
 * answer after the commit, without BEGIN and COMMIT (PgEventStore's `appendAtOnce`). Run on its own
 * (autocommit), its transaction is the statement's:
 * - its durability is set for that transaction (synchronous_commit, local), as the caller asks;
 * - it takes the append lock, then inserts: in READ COMMITTED each statement of a PL/pgSQL function
 *   takes a new snapshot, so the INSERT sees every append committed before the lock was granted;
 * - with an account lease (`lease_fence` not NULL), it checks under the append lock that the lease
 *   session still holds the lease's fence (a shared request for the key is refused while it does, see
 *   PgAccountLease), and raises SQLSTATE UT001 (nothing written) when it does not: an append that
 *   passes commits before any append of an instance that takes the lease over later;
 * - the INSERT puts each event at the last position + its rank in the batch, and each stream at its
 *   last version + the event's rank in that stream;
 * - it inserts nothing, and returns no row, when any event id is already stored, or when an append's
 *   expected version (NULL for 'any', 0 for 'no_stream') differs from its stream's version before it
 *   (the stored version + the events of earlier appends to that stream in the batch): PgEventStore
 *   then decides that append in TypeScript (`appendChecked`: replays, conflicts, duplicates);
 * - its plan is the generic one: a custom plan (PostgreSQL's choice here, the arrays' sizes change its
 *   estimates) was planned again at every append and took longer than running it.
 *
 * Not a versioned migration (the PostgreSQL schema keeps SQLite's versions, which `trader db copy`
 * compares): `migratePg` replaces it in the account schema at every start, so it always matches this
 * code. It reads the events table of the caller's search_path, the account schema. CREATE OR REPLACE
 * with other arguments adds an overload beside an earlier signature rather than replacing it: the
 * unfenced one is dropped first (`retiredAppendFunctionSql`).
 */
export const appendFunctionSql = (schema: string): string => `CREATE OR REPLACE FUNCTION ${quotePgIdentifier(schema)}.append_events(
    full_durability boolean,
    event_streams text[], event_ids text[], event_types text[], event_schema_versions int[], event_payloads text[], event_metadata text[],
    recorded bigint,
    append_streams text[], append_expected bigint[], append_earlier bigint[],
    lease_fence bigint)
  RETURNS TABLE (appended_event_id text, appended_position bigint, appended_version bigint)
  LANGUAGE plpgsql AS $append$
  BEGIN
    PERFORM set_config('synchronous_commit', CASE WHEN full_durability THEN 'on' ELSE 'off' END, true);
    PERFORM set_config('plan_cache_mode', 'force_generic_plan', true);
    PERFORM pg_advisory_xact_lock(${appendLockKeySql});
    IF lease_fence IS NOT NULL AND pg_try_advisory_xact_lock_shared(lease_fence) THEN
      RAISE EXCEPTION 'the account lease is not held: nobody holds its fence %', lease_fence USING ERRCODE = '${LEASE_NOT_HELD_SQLSTATE}';
    END IF;
    RETURN QUERY
    WITH stored AS (
      SELECT s.stream_id, COALESCE((SELECT MAX(e.stream_version) FROM events e WHERE e.stream_id = s.stream_id), 0) AS version
      FROM (SELECT DISTINCT unnest(append_streams) AS stream_id) s
    ), refused AS (
      SELECT 1 FROM events WHERE events.event_id = ANY(event_ids)
      UNION ALL
      SELECT 1 FROM unnest(append_streams, append_expected, append_earlier) AS a(stream_id, expected, earlier) JOIN stored USING (stream_id)
        WHERE a.expected IS NOT NULL AND stored.version + a.earlier <> a.expected
    ), last AS (
      SELECT COALESCE(MAX(events.position), 0) AS position FROM events
    )
    INSERT INTO events (position, stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
    SELECT last.position + r.rank, r.stream_id, stored.version + row_number() OVER (PARTITION BY r.stream_id ORDER BY r.rank),
           r.event_id, r.event_type, r.schema_version, r.payload, r.metadata, recorded
    FROM unnest(event_streams, event_ids, event_types, event_schema_versions, event_payloads, event_metadata)
      WITH ORDINALITY AS r(stream_id, event_id, event_type, schema_version, payload, metadata, rank)
    JOIN stored USING (stream_id) CROSS JOIN last
    WHERE NOT EXISTS (SELECT 1 FROM refused)
    RETURNING events.event_id, events.position, events.stream_version;
  END
  $append$`;

/**
 * `append_events` as the oldest versions of this code created it, without a lease fence: dropped, so no
 * append can skip the fence. The version before this one (`lease_key text, lease_pid int`, a fence that
 * read `pg_locks`) is left in place: an instance of that version still running beside a new one (a
 * rolling upgrade) calls it, and its fence is sound. Different arguments make it another function, so
 * this code never calls it.
 */
export const retiredAppendFunctionSql = (schema: string): string =>
  `DROP FUNCTION IF EXISTS ${quotePgIdentifier(schema)}.append_events(boolean, text[], text[], text[], int[], text[], text[], bigint, text[], bigint[], bigint[])`;
