import { SystemClock } from '@trader/runtime';
import { openEventDatabase, SqliteEventStore } from '@trader/events';
import { performance } from 'node:perf_hooks';
import { payload, quantile, scratchDir, streamCount } from './bench-support';

export interface SingleAppendResult {
  readonly eps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rawEps: number;
  readonly fullEps: number;
  readonly fullP99Ms: number;
}

/**
 * Workload 2: one event per transaction (the per-command case), awaited one after the other, with
 * WAL and synchronous=NORMAL; then the same with durability 'full' (fsync per commit); baseline: a raw
 * better-sqlite3 loop of one-row immediate transactions.
 */
export async function singleAppend(total: number, fullTotal: number): Promise<SingleAppendResult> {
  const scratch = scratchDir();
  try {
    const clock = new SystemClock();
    const rawDb = openEventDatabase({ path: scratch.file('raw.db') }, clock.now());
    const insert = rawDb.prepare(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const one = rawDb.transaction((n: number) => insert.run(`s-${n % streamCount}`, Math.floor(n / streamCount) + 1, `raw-${n}`, 'OrderPlaced', 1, JSON.stringify(payload(n)), '{}', clock.now()));
    const started = performance.now();
    for (let n = 0; n < total; n += 1) one.immediate(n);
    const rawEps = total / ((performance.now() - started) / 1_000);
    rawDb.close();

    const db = openEventDatabase({ path: scratch.file('ours.db') }, clock.now());
    const store = new SqliteEventStore(db, { clock });
    const measure = async (count: number, offset: number, durability: 'normal' | 'full'): Promise<{ eps: number; latencies: number[] }> => {
      const latencies: number[] = [];
      const begin = performance.now();
      for (let n = offset; n < offset + count; n += 1) {
        const t0 = performance.now();
        await store.append(`s-${n % streamCount}`, 'any', [{ eventId: `e-${n}`, type: 'OrderPlaced', data: payload(n) }], { durability });
        latencies.push(performance.now() - t0);
      }
      return { eps: count / ((performance.now() - begin) / 1_000), latencies };
    };
    const normal = await measure(total, 0, 'normal');
    const full = await measure(fullTotal, total, 'full');
    db.close();
    return {
      eps: normal.eps,
      p50Ms: quantile(normal.latencies, 0.5),
      p99Ms: quantile(normal.latencies, 0.99),
      rawEps,
      fullEps: full.eps,
      fullP99Ms: quantile(full.latencies, 0.99),
    };
  } finally {
    scratch.remove();
  }
}
