import pg from 'pg';
import { PgSyncDatabase, quotePgIdentifier } from '../pg/pg-sync-database';
import { CheckpointFollower, FollowedEvent, followVerdict, FollowVerdict } from './checkpoint-follower';

/**
 * How a log table numbers its rows:
 * - `sequence`: a plain `BIGSERIAL`, no lock. Values are taken at INSERT time and commit in any order,
 *   so position 8 can be visible while 7 is still uncommitted: the race issue 17 describes.
 * - `advisory-lock`: PgEventStore's rule: a transaction-scoped advisory lock first, then max + 1.
 */
export type Numbering = 'sequence' | 'advisory-lock';

export interface NumberingRace {
  readonly verdict: FollowVerdict;
  /** Events the writers were told were stored. */
  readonly acknowledged: number;
  /** Rows in the table once the writers are done. */
  readonly stored: number;
  /** How many of the events the follower missed are in the table all the same (skipped, not lost). */
  readonly missedButStored: number;
}

/**
 * Concurrent writers (separate connections) append to a bare log table numbered the `numbering` way,
 * each transaction sleeping a little between taking its position and committing (as an append does
 * while it inserts its rows), while a `CheckpointFollower` (the same follower the "never skip" test
 * uses on the store) follows the table. This is the store's numbering without the store, so the same
 * load can be run with and without the lock.
 */
export async function runNumberingRace(url: string, schema: string, numbering: Numbering, writers = 4, appendsPerWriter = 150): Promise<NumberingRace> {
  const admin = new PgSyncDatabase(url);
  const table = `${quotePgIdentifier(schema)}.log`;
  const follower = new PgSyncDatabase(url);
  const clients: pg.Client[] = [];
  try {
    admin.exec(`CREATE SCHEMA ${quotePgIdentifier(schema)}`);
    admin.exec(`CREATE TABLE ${table} (
      position ${numbering === 'sequence' ? 'BIGSERIAL' : 'BIGINT'} PRIMARY KEY,
      stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE)`);
    const insert =
      numbering === 'sequence'
        ? `INSERT INTO ${table} (stream_id, stream_version, event_id) VALUES ($1, $2, $3)`
        : `INSERT INTO ${table} SELECT COALESCE(MAX(position), 0) + 1, $1, $2, $3 FROM ${table}`;
    for (let i = 0; i < writers; i += 1) {
      const client = new pg.Client({ connectionString: url });
      clients.push(client);
      await client.connect();
    }
    const write = async (client: pg.Client, writer: number): Promise<string[]> => {
      const acknowledged: string[] = [];
      const versions = [0, 0];
      for (let n = 0; n < appendsPerWriter; n += 1) {
        const stream = n % 2;
        const version = (versions[stream] ?? 0) + 1;
        const eventId = `w${writer}-${n}`;
        await client.query('BEGIN');
        if (numbering === 'advisory-lock') await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [table]);
        await client.query(insert, [`w${writer}-s${stream}`, version, eventId]);
        // 0-3 ms between taking the position and committing.
        await client.query('SELECT pg_sleep($1)', [Math.random() * 0.003]);
        await client.query('COMMIT');
        versions[stream] = version;
        acknowledged.push(eventId);
      }
      return acknowledged;
    };
    const follow = new CheckpointFollower((checkpoint, limit) =>
      follower
        .query(`SELECT position, event_id, stream_id, stream_version FROM ${table} WHERE position > $1 ORDER BY position LIMIT $2`, [checkpoint, limit], { array: true })
        .rows.map((row) => {
          const [position, eventId, streamId, streamVersion] = row as [number, string, string, number];
          return { position, eventId, streamId, streamVersion } satisfies FollowedEvent;
        }),
    );
    let finished = false;
    const written = Promise.all(clients.map((client, writer) => write(client, writer))).finally(() => {
      finished = true;
    });
    // Awaited below, once the follower is done; a failed writer ends the follow too.
    written.catch(() => undefined);
    await follow.follow(() => finished);
    const acknowledged = (await written).flat();
    const verdict = followVerdict(follow.seen, acknowledged);
    const storedIds = new Set(follower.query(`SELECT event_id FROM ${table}`, [], { array: true }).rows.map((row) => (row as [string])[0]));
    return { verdict, acknowledged: acknowledged.length, stored: storedIds.size, missedButStored: verdict.missed.filter((id) => storedIds.has(id)).length };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    follower.close();
    admin.close();
  }
}
