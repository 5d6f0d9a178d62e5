import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { performance } from 'node:perf_hooks';
import { eventsPerTransaction, payload, scratchDir, streamCount } from './bench-support';

export interface EmmettResult {
  readonly batchEps: number;
  readonly singleEps: number;
  /** Appends that failed with SQLITE_BUSY and were retried (see `appendRetrying`). */
  readonly retries: number;
}

type Store = ReturnType<typeof getSQLiteEventStore>;

/**
 * emmett-sqlite 0.38.5 on node-sqlite3 here fails now and then with "SQLITE_BUSY: cannot commit
 * transaction - SQL statements in progress" (one writer, no other connection). The failed append
 * writes nothing (checked: stream contents are complete after retrying), so it is retried and the
 * retries are counted and reported; their cost is part of the measured time.
 */
async function appendRetrying(store: Store, stream: string, events: { type: string; data: Record<string, string | number> }[]): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await store.appendToStream(stream, events);
      return attempt;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('SQLITE_BUSY')) throw error;
    }
  }
}

/**
 * Workload 5: the batched and the single-event workloads through @event-driven-io/emmett-sqlite (the
 * peer). Emmett appends to one stream per call, so a batch is 1,000 events to one stream.
 */
export async function emmett(batchTotal: number, singleTotal: number): Promise<EmmettResult> {
  const scratch = scratchDir();
  let retries = 0;
  try {
    const batchStore = getSQLiteEventStore({ fileName: scratch.file('emmett-batch.db'), schema: { autoMigration: 'CreateOrUpdate' } });
    let started = performance.now();
    for (let first = 0; first < batchTotal; first += eventsPerTransaction) {
      const events = Array.from({ length: eventsPerTransaction }, (_, i) => ({ type: 'OrderPlaced', data: payload(first + i) }));
      retries += await appendRetrying(batchStore, `order-${(first / eventsPerTransaction) % streamCount}`, events);
    }
    const batchEps = batchTotal / ((performance.now() - started) / 1_000);

    const singleStore = getSQLiteEventStore({ fileName: scratch.file('emmett-single.db'), schema: { autoMigration: 'CreateOrUpdate' } });
    started = performance.now();
    for (let n = 0; n < singleTotal; n += 1) {
      retries += await appendRetrying(singleStore, `s-${n % streamCount}`, [{ type: 'OrderPlaced', data: payload(n) }]);
    }
    const singleEps = singleTotal / ((performance.now() - started) / 1_000);
    return { batchEps, singleEps, retries };
  } finally {
    scratch.remove();
  }
}
