import type { StoredEvent } from '@trader/application';
import type { Projection } from '@trader/events';
import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';

/** Read model of the benchmark projection: events per stream. */
@Entity('bench_stream_counts')
export class BenchStreamCount {
  @PrimaryColumn('text')
  streamId!: string;

  @Column('integer')
  events!: number;
}

/** Counts events per stream through the TypeORM entity manager (an upsert per event). */
export function benchProjection(): Projection {
  return {
    name: 'bench-stream-counts',
    lane: 'medium-config',
    async apply(event: StoredEvent, manager: EntityManager) {
      await manager.query(
        `INSERT INTO bench_stream_counts (streamId, events) VALUES (?, 1)
         ON CONFLICT (streamId) DO UPDATE SET events = events + 1`,
        [event.streamId],
      );
    },
    async reset(manager: EntityManager) {
      await manager.getRepository(BenchStreamCount).clear();
    },
  };
}
