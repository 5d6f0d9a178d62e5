// Event store benchmarks (issue 3). `npm run bench:event-store` for the full run, `-- --quick` for a
// run under a minute. Prints one table, each figure with its ratio to a baseline measured in this run,
// and ends with one machine-readable line.
import 'reflect-metadata';
import { batchedAppend } from './batched-append.workload';
import { criticalUnderFlood } from './critical-under-flood.workload';
import { emmett } from './emmett.workload';
import { endToEnd } from './end-to-end.workload';
import { rebuild } from './rebuild.workload';
import { singleAppend } from './single-append.workload';

const originalEps = 490;

interface Row {
  workload: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const size = quick
    ? { batch: 200_000, single: 20_000, full: 1_000, e2e: 5_000, rebuild: 200_000, emmettBatch: 50_000, emmettSingle: 2_000 }
    : { batch: 500_000, single: 100_000, full: 5_000, e2e: 20_000, rebuild: 1_000_000, emmettBatch: 100_000, emmettSingle: 5_000 };
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);

  log(`running ${quick ? 'quick' : 'full'} event store benchmarks ...`);
  // The peer runs first, in a fresh process. If it fails, the table says so instead of losing the
  // other figures.
  const peer = await emmett(size.emmettBatch, size.emmettSingle).catch((error: unknown) => {
    log(`5/5 emmett failed: ${String(error)}`);
    return { batchEps: Number.NaN, singleEps: Number.NaN, retries: 0 };
  });
  log('5/5 emmett done');
  const batch = await batchedAppend(size.batch);
  log('1/5 batched append done');
  const single = await singleAppend(size.single, size.full);
  log('2/5 single append done');
  const e2e = await endToEnd(size.e2e);
  log('3/5 end to end done');
  const rb = await rebuild(size.rebuild);
  log('4/5 rebuild done');
  const flood = await criticalUnderFlood(quick ? 150 : 500, quick ? 4 : 5);
  log(`critical lane under flood done (lower lanes handled ${fmt(flood.floodHandledPerS)} ev/s meanwhile, backlog up to ${fmt(flood.maxBacklog)})`);

  // Growth while the rebuild runs, from a quarter of the events to the end: flat memory keeps it near 0
  // whatever the number of events.
  const rssGrowth = rb.rssQuartilesMb[rb.rssQuartilesMb.length - 1] - rb.rssQuartilesMb[0];
  const vsEmmett = Math.min(batch.ours / peer.batchEps, single.eps / peer.singleEps);
  const rows: Row[] = [
    { workload: `1 batched append (${fmt(size.batch)} ev, 1000/tx)`, figure: 'events/s', value: fmt(batch.ours), baseline: `raw loop ${fmt(batch.raw)}`, ratio: (batch.ours / batch.raw).toFixed(2) },
    { workload: `2 one event per tx (${fmt(size.single)} ev)`, figure: 'events/s', value: fmt(single.eps), baseline: `raw loop ${fmt(single.rawEps)}`, ratio: (single.eps / single.rawEps).toFixed(2) },
    { workload: '2 one event per tx', figure: 'p50 / p99 ms', value: `${fmt(single.p50Ms, 3)} / ${fmt(single.p99Ms, 3)}`, baseline: `original ${fmt(1_000 / originalEps, 2)} avg`, ratio: ((1_000 / originalEps) / single.p99Ms).toFixed(1) },
    { workload: `2 durability FULL (${fmt(size.full)} ev)`, figure: 'events/s', value: fmt(single.fullEps), baseline: `NORMAL ${fmt(single.eps)}`, ratio: (single.fullEps / single.eps).toFixed(2) },
    { workload: '2 durability FULL', figure: 'p99 ms', value: fmt(single.fullP99Ms, 3), baseline: `NORMAL ${fmt(single.p99Ms, 3)}`, ratio: (single.fullP99Ms / single.p99Ms).toFixed(1) },
    { workload: `3 append + 3 handlers + projection (${fmt(size.e2e)} ev)`, figure: 'events/s', value: fmt(e2e.eps), baseline: `original ${originalEps}`, ratio: (e2e.eps / originalEps).toFixed(1) },
    { workload: '3 append -> projection commit (idle)', figure: 'p50 / p99 ms', value: `${fmt(e2e.p50Ms, 2)} / ${fmt(e2e.p99Ms, 2)}`, baseline: `original ${fmt(1_000 / originalEps, 2)} avg`, ratio: ((1_000 / originalEps) / e2e.p99Ms).toFixed(1) },
    { workload: '3 append -> projection commit (flood)', figure: 'p99 ms', value: fmt(e2e.floodP99Ms, 1), baseline: `idle ${fmt(e2e.p99Ms, 2)}`, ratio: (e2e.floodP99Ms / e2e.p99Ms).toFixed(0) },
    { workload: `3b critical commit -> handler done, lower lanes flooded (${fmt(flood.criticalEvents)} ev)`, figure: 'p50 / p99 ms', value: `${fmt(flood.floodP50Ms, 2)} / ${fmt(flood.floodP99Ms, 2)}`, baseline: `idle ${fmt(flood.idleP50Ms, 2)} / ${fmt(flood.idleP99Ms, 2)}; loop delay p99 ${fmt(flood.floodLoopDelayP99Ms, 1)}`, ratio: (flood.floodP99Ms / flood.idleP99Ms).toFixed(0) },
    { workload: `4 rebuild projection (${fmt(size.rebuild)} ev)`, figure: 'events/s', value: fmt(rb.eps), baseline: `readAll only ${fmt(rb.readEps)}`, ratio: (rb.eps / rb.readEps).toFixed(2) },
    { workload: '4 rebuild projection', figure: 'RSS MB after GC at 25/50/75/100%', value: rb.rssQuartilesMb.map((m) => fmt(m)).join(' / '), baseline: `before ${fmt(rb.rssBeforeMb)}`, ratio: (rb.rssQuartilesMb[rb.rssQuartilesMb.length - 1] / rb.rssQuartilesMb[0]).toFixed(2) },
    { workload: '4 rebuild projection', figure: 'RSS MB peak (no forced GC)', value: fmt(rb.rssPeakMb), baseline: `before ${fmt(rb.rssBeforeMb)}`, ratio: (rb.rssPeakMb / rb.rssBeforeMb).toFixed(2) },
    { workload: `5 emmett-sqlite batched (${fmt(size.emmettBatch)} ev)`, figure: 'events/s', value: fmt(peer.batchEps), baseline: `ours ${fmt(batch.ours)}`, ratio: (batch.ours / peer.batchEps).toFixed(1) },
    { workload: `5 emmett-sqlite one per tx (${fmt(size.emmettSingle)} ev)`, figure: 'events/s', value: fmt(peer.singleEps), baseline: `ours ${fmt(single.eps)}`, ratio: (single.eps / peer.singleEps).toFixed(1) },
    { workload: '5 emmett-sqlite SQLITE_BUSY retries', figure: 'appends retried', value: fmt(peer.retries), baseline: `of ${fmt(size.emmettBatch / 1_000 + size.emmettSingle)}`, ratio: (peer.retries / (size.emmettBatch / 1_000 + size.emmettSingle)).toFixed(3) },
  ];
  const widths = (['workload', 'figure', 'value', 'baseline', 'ratio'] as const).map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['workload', 'figure', 'value', 'baseline', 'ratio']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line([r.workload, r.figure, r.value, r.baseline, r.ratio]));
  console.log(
    [
      `append_ratio_vs_raw=${(batch.ours / batch.raw).toFixed(2)}`,
      `batch_eps=${Math.round(batch.ours)}`,
      `single_eps=${Math.round(single.eps)}`,
      `single_p99_ms=${single.p99Ms.toFixed(3)}`,
      `full_eps=${Math.round(single.fullEps)}`,
      `e2e_eps=${Math.round(e2e.eps)}`,
      `e2e_p99_ms=${e2e.p99Ms.toFixed(2)}`,
      `e2e_flood_p99_ms=${e2e.floodP99Ms.toFixed(1)}`,
      `critical_p99_under_flood_ms=${flood.floodP99Ms.toFixed(2)}`,
      `rebuild_eps=${Math.round(rb.eps)}`,
      `rss_growth_mb=${Math.round(rssGrowth)}`,
      `vs_emmett=${vsEmmett.toFixed(1)}`,
    ].join(' '),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
