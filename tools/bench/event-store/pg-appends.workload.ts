import { performance } from 'node:perf_hooks';
import { eventsPerTransaction, payload, quantile, streamCount } from './bench-support';
import { Appender, ContenderId, openAppender } from './pg-contenders';
import { RunTargets } from './pg-run-targets';

export interface AppendSizes {
  /** Events per run of 1,000-event appends. */
  readonly batched: number;
  /** Appends per run of one-event appends. */
  readonly single: number;
}

export interface AppendFigures {
  readonly contender: ContenderId;
  /** Median events/s of the timed rounds, 1,000 events per append call. */
  readonly batchedEps: number;
  /** Median events/s of the timed rounds, one event per append call, each awaited. */
  readonly singleEps: number;
  /** Quantiles of one-event append latency, pooled over the timed rounds. */
  readonly singleP50Ms: number;
  readonly singleP99Ms: number;
  readonly rounds: number;
}

type Shape = 'batched' | 'single';

/**
 * Workloads (a) and (b) of `--pg`: every contender appends the same events (same payloads, same stream
 * names, through its own append call) into a fresh schema or file per round: (a) 1,000 events per
 * append call, each call to one stream, cycling over 1,000 streams; then (b) one event per call, awaited
 * one after the other, cycling over 1,000 other streams. Each timed region is the loop of append calls,
 * nothing else (opening, schema creation and closing are outside it). One untimed warm-up round of each
 * contender (a tenth of the sizes), then `rounds` rounds in which every contender runs once, the order
 * reversed every other round so nobody always runs right after the same neighbour; medians count.
 */
export async function pgAppends(contenders: readonly ContenderId[], sizes: AppendSizes, targets: RunTargets, log: (line: string) => void, rounds = 3): Promise<AppendFigures[]> {
  const batched = new Map<ContenderId, number[]>(contenders.map((c) => [c, []]));
  const single = new Map<ContenderId, number[]>(contenders.map((c) => [c, []]));
  const latencies = new Map<ContenderId, number[]>(contenders.map((c) => [c, []]));
  for (const contender of contenders) await timeRound(contender, { batched: Math.max(eventsPerTransaction, Math.floor(sizes.batched / 10 / eventsPerTransaction) * eventsPerTransaction), single: Math.max(1, Math.floor(sizes.single / 10)) }, targets);
  log('pg appends: warm-up done');
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const run = await timeRound(contender, sizes, targets);
      (batched.get(contender) as number[]).push(run.batchedEps);
      (single.get(contender) as number[]).push(run.singleEps);
      const pooled = latencies.get(contender) as number[];
      for (const l of run.latencies) pooled.push(l);
    }
    log(`pg appends: round ${round + 1} of ${rounds} done`);
  }
  return contenders.map((contender) => ({
    contender,
    batchedEps: quantile(batched.get(contender) as number[], 0.5),
    singleEps: quantile(single.get(contender) as number[], 0.5),
    singleP50Ms: quantile(latencies.get(contender) as number[], 0.5),
    singleP99Ms: quantile(latencies.get(contender) as number[], 0.99),
    rounds,
  }));
}

/** One contender's round: a fresh schema or file, the batched appends, then the single appends into it. */
async function timeRound(contender: ContenderId, sizes: AppendSizes, targets: RunTargets): Promise<{ batchedEps: number; singleEps: number; latencies: number[] }> {
  const target = targets.fresh(contender);
  try {
    // As a trader appends: holding the account's lease (PostgreSQL), each append fenced by it.
    const appender = await openAppender(contender, target, { lease: true });
    try {
      const batched = await timeAppends(appender, 'batched', sizes.batched);
      const single = await timeAppends(appender, 'single', sizes.single);
      return { batchedEps: batched.eps, singleEps: single.eps, latencies: single.latencies };
    } finally {
      await appender.close();
    }
  } finally {
    targets.release(target);
  }
}

async function timeAppends(appender: Appender, shape: Shape, total: number): Promise<{ eps: number; latencies: number[] }> {
  const perAppend = shape === 'batched' ? eventsPerTransaction : 1;
  const prefix = shape === 'batched' ? 'order' : 's';
  const latencies: number[] = [];
  const started = performance.now();
  for (let first = 0; first < total; first += perAppend) {
    const events = Array.from({ length: perAppend }, (_, i) => ({ type: 'OrderPlaced', data: payload(first + i) }));
    const t0 = performance.now();
    await appender.append(`${prefix}-${(first / perAppend) % streamCount}`, events);
    latencies.push(performance.now() - t0);
  }
  return { eps: total / ((performance.now() - started) / 1_000), latencies };
}
