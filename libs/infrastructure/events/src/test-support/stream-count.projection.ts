import type { StoredEvent } from '@trader/application';
import type { SqlDatabase } from '../database/sql-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Projection, ProjectionTables } from '../projections/projection';

/** Read model of the test projection: events and a running sum per stream. */
@Entity('test_stream_counts')
export class StreamCountRow {
  @PrimaryColumn('text')
  streamId!: string;

  @Column('bigint')
  events!: number;

  @Column('bigint')
  lastVersion!: number;
}

/**
 * Counts events per stream with a non-idempotent increment, one statement per event, so applying an
 * event twice (or losing one) shows up in the read model. `failOnce` makes the first apply of those
 * event ids throw after writing, to prove the write is rolled back with it.
 */
export function streamCountProjection(name = 'stream-counts', failOnce: Set<string> = new Set()): Projection {
  return {
    name,
    lane: 'medium-config',
    open(db: SqlDatabase): ProjectionTables {
      const increment = db.prepare(
        // Quoted: TypeORM names the columns after the properties, and PostgreSQL folds unquoted names to lower case.
        `INSERT INTO test_stream_counts ("streamId", "events", "lastVersion") VALUES (?, 1, ?)
         ON CONFLICT ("streamId") DO UPDATE SET "events" = test_stream_counts."events" + 1, "lastVersion" = excluded."lastVersion"`,
      );
      const clear = db.prepare('DELETE FROM test_stream_counts');
      return {
        applyBatch(events: readonly StoredEvent[]) {
          for (const event of events) {
            increment.run(event.streamId, event.streamVersion);
            if (failOnce.delete(event.eventId)) throw new Error(`injected failure on ${event.eventId}`);
          }
        },
        reset() {
          clear.run();
        },
      };
    },
  };
}
