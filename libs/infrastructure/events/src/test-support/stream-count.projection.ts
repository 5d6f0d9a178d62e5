import type { StoredEvent } from '@trader/application';
import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { Projection } from '../projections/projection';

/** Read model of the test projection: events and a running sum per stream. */
@Entity('test_stream_counts')
export class StreamCountRow {
  @PrimaryColumn('text')
  streamId!: string;

  @Column('integer')
  events!: number;

  @Column('integer')
  lastVersion!: number;
}

/**
 * Counts events per stream with a non-idempotent increment, so applying an event twice (or losing
 * one) shows up in the read model. `failOnce` makes the first apply of those event ids throw after
 * writing, to prove the write is rolled back with it.
 */
export function streamCountProjection(name = 'stream-counts', failOnce: Set<string> = new Set()): Projection {
  return {
    name,
    lane: 'medium-config',
    async apply(event: StoredEvent, manager: EntityManager) {
      const table = manager.getRepository(StreamCountRow).metadata.tableName;
      await manager.query(
        `INSERT INTO ${table} (streamId, events, lastVersion) VALUES (?, 1, ?)
         ON CONFLICT (streamId) DO UPDATE SET events = events + 1, lastVersion = excluded.lastVersion`,
        [event.streamId, event.streamVersion],
      );
      if (failOnce.delete(event.eventId)) throw new Error(`injected failure on ${event.eventId}`);
    },
    async reset(manager: EntityManager) {
      await manager.getRepository(StreamCountRow).clear();
    },
  };
}
