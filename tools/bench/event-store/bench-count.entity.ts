import type { StoredEvent } from '@trader/application';
import type { Projection } from '@trader/events';
import type { Database } from 'better-sqlite3';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of the benchmark projection: events per stream. */
@Entity('bench_stream_counts')
export class BenchStreamCount {
  @PrimaryColumn('text')
  streamId!: string;

  @Column('integer')
  events!: number;
}

/** Counts events per stream with one prepared upsert per event (no batching in memory). */
export function benchProjection(): Projection {
  return {
    name: 'bench-stream-counts',
    lane: 'medium-config',
    open(db: Database) {
      const increment = db.prepare(
        `INSERT INTO bench_stream_counts (streamId, events) VALUES (?, 1)
         ON CONFLICT (streamId) DO UPDATE SET events = events + 1`,
      );
      const clear = db.prepare('DELETE FROM bench_stream_counts');
      return {
        applyBatch(events: readonly StoredEvent[]) {
          for (const event of events) increment.run(event.streamId);
        },
        reset() {
          clear.run();
        },
      };
    },
  };
}
