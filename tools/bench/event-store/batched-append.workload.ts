import type { NewEvent } from '@trader/application';
import { SystemClock } from '@trader/runtime';
import { openEventDatabase, SqliteEventStore } from '@trader/events';
import { performance } from 'node:perf_hooks';
import { eventsPerTransaction, payload, scratchDir, streamCount } from './bench-support';

export interface BatchedAppendResult {
  readonly ours: number;
  readonly raw: number;
}

const streamsPerTransaction = 10;

/**
 * Workload 1: 1,000 events per transaction (10 streams x 100 events), cycling over 1,000 streams,
 * through `appendBatch`, against a raw prepared-statement loop writing the same rows to the same schema.
 * Each round uses fresh database files.
 */
export async function batchedAppend(total: number, rounds = 3): Promise<BatchedAppendResult> {
  // Raw and ours alternate, and the best round of each counts: the machine is shared, and a burst of
  // someone else's work during one run would otherwise decide the ratio.
  let best = { ours: 0, raw: 0 };
  for (let round = 0; round < rounds; round += 1) {
    const scratch = scratchDir();
    try {
      best = {
        raw: Math.max(best.raw, rawLoop(scratch.file('raw.db'), total)),
        ours: Math.max(best.ours, await throughStore(scratch.file('ours.db'), total)),
      };
    } finally {
      scratch.remove();
    }
  }
  return best;
}

const perStream = eventsPerTransaction / streamsPerTransaction;

function rawLoop(path: string, total: number): number {
  const clock = new SystemClock();
  const rawDb = openEventDatabase({ path }, clock.now());
  const insert = rawDb.prepare(
    `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const versions = new Map<string, number>();
  const rawBatch = rawDb.transaction((first: number) => {
    const now = clock.now();
    for (let i = 0; i < eventsPerTransaction; i += 1) {
      const n = first + i;
      const stream = `order-${Math.floor(n / perStream) % streamCount}`;
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      insert.run(stream, version, `raw-${n}`, 'OrderPlaced', 1, JSON.stringify(payload(n)), '{}', now);
    }
  });
  const started = performance.now();
  for (let first = 0; first < total; first += eventsPerTransaction) rawBatch.immediate(first);
  const eps = total / ((performance.now() - started) / 1_000);
  rawDb.close();
  return eps;
}

async function throughStore(path: string, total: number): Promise<number> {
  const clock = new SystemClock();
  const db = openEventDatabase({ path }, clock.now());
  const store = new SqliteEventStore(db, { clock });
  const started = performance.now();
  for (let first = 0; first < total; first += eventsPerTransaction) {
    const appends = Array.from({ length: streamsPerTransaction }, (_, s) => {
      const base = first + s * perStream;
      const events: NewEvent[] = Array.from({ length: perStream }, (_, i) => ({
        eventId: `ours-${base + i}`,
        type: 'OrderPlaced',
        data: payload(base + i),
      }));
      return { streamId: `order-${Math.floor(base / perStream) % streamCount}`, expectedVersion: 'any' as const, events };
    });
    await store.appendBatch(appends);
  }
  const eps = total / ((performance.now() - started) / 1_000);
  db.close();
  return eps;
}
