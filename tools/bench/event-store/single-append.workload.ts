import { SystemClock } from '@trader/runtime';
import { openEventDatabase, SqliteEventStore } from '@trader/events';
import { performance } from 'node:perf_hooks';
import { payload, quantile, scratchDir, streamCount } from './bench-support';

export interface SingleAppendResult {
  readonly eps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Mean latency of one append (the figure comparable with a documented average). */
  readonly meanMs: number;
  readonly rawEps: number;
  readonly fullEps: number;
  readonly fullP99Ms: number;
  readonly rounds: number;
}

interface Timed {
  readonly eps: number;
  readonly latencies: number[];
}

/**
 * Workload 2: one event per transaction (the per-command case), awaited one after the other, with
 * WAL and synchronous=NORMAL; then the same with durability 'full' (fsync per commit); baseline: a raw
 * better-sqlite3 loop of one-row immediate transactions. One untimed warm-up round of each (so the JIT
 * has compiled both paths), then timed rounds alternating raw, NORMAL and FULL on fresh files; the
 * best round of each counts, as in the batched workload; latencies are pooled over the timed rounds.
 */
export async function singleAppend(total: number, fullTotal: number, rounds = 3): Promise<SingleAppendResult> {
  const warmUp = Math.max(1, Math.floor(total / 10));
  await oneRound(warmUp, Math.max(1, Math.floor(fullTotal / 10)));
  let rawEps = 0;
  let eps = 0;
  let fullEps = 0;
  const latencies: number[] = [];
  const fullLatencies: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const r = await oneRound(total, fullTotal);
    rawEps = Math.max(rawEps, r.rawEps);
    eps = Math.max(eps, r.normal.eps);
    fullEps = Math.max(fullEps, r.full.eps);
    // A loop, not push(...spread): a round holds up to 100,000 samples, too many arguments for one call.
    for (const l of r.normal.latencies) latencies.push(l);
    for (const l of r.full.latencies) fullLatencies.push(l);
  }
  return {
    eps,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    meanMs: latencies.reduce((sum, l) => sum + l, 0) / latencies.length,
    rawEps,
    fullEps,
    fullP99Ms: quantile(fullLatencies, 0.99),
    rounds,
  };
}

async function oneRound(total: number, fullTotal: number): Promise<{ rawEps: number; normal: Timed; full: Timed }> {
  const scratch = scratchDir();
  try {
    const rawEps = rawLoop(scratch.file('raw.db'), total);
    const normal = await throughStore(scratch.file('normal.db'), total, 'normal');
    const full = await throughStore(scratch.file('full.db'), fullTotal, 'full');
    return { rawEps, normal, full };
  } finally {
    scratch.remove();
  }
}

function rawLoop(path: string, total: number): number {
  const clock = new SystemClock();
  const rawDb = openEventDatabase({ path }, clock.now());
  const insert = rawDb.prepare(
    `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const one = rawDb.transaction((n: number) => insert.run(`s-${n % streamCount}`, Math.floor(n / streamCount) + 1, `raw-${n}`, 'OrderPlaced', 1, JSON.stringify(payload(n)), '{}', clock.now()));
  const started = performance.now();
  for (let n = 0; n < total; n += 1) one.immediate(n);
  const eps = total / ((performance.now() - started) / 1_000);
  rawDb.close();
  return eps;
}

async function throughStore(path: string, total: number, durability: 'normal' | 'full'): Promise<Timed> {
  const clock = new SystemClock();
  const db = openEventDatabase({ path }, clock.now());
  const store = new SqliteEventStore(db, { clock });
  const latencies: number[] = [];
  const begin = performance.now();
  for (let n = 0; n < total; n += 1) {
    const t0 = performance.now();
    await store.append(`s-${n % streamCount}`, 'any', [{ eventId: `e-${n}`, type: 'OrderPlaced', data: payload(n) }], { durability });
    latencies.push(performance.now() - t0);
  }
  const eps = total / ((performance.now() - begin) / 1_000);
  db.close();
  return { eps, latencies };
}
