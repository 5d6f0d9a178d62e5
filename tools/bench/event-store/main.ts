// Event store benchmarks (issue 3). `npm run bench:event-store` for the full run, `-- --quick` for a
// run under a minute. Prints one table, each figure with its ratio to a baseline measured in this run,
// and ends with one machine-readable line. `-- --pg` runs the PostgreSQL comparison instead (issue 17,
// pg-comparison.ts): our PostgreSQL store against emmett-postgresql and against our SQLite store.
import 'reflect-metadata';
import { batchedAppend } from './batched-append.workload';
import { emmettPeer, PeerFigure, PeerSetup } from './emmett.workload';
import { criticalUnderFlood } from './critical-under-flood.workload';
import { endToEnd } from './end-to-end.workload';
import { Row, runPgComparison } from './pg-comparison';
import { rebuild } from './rebuild.workload';
import { singleAppend } from './single-append.workload';

// From the original system's docs (1,000 events in 2.04 s), not measured here: compared only with
// figures of the same kind (events/s with events/s, mean latency with mean latency).
const originalEps = 490;
const originalMeanMs = 1_000 / originalEps;

const peerLabels: Record<PeerSetup, string> = {
  'store-full': 'emmett getSQLiteEventStore (conn per append, WAL, sync FULL) vs ours FULL',
  'connection-full': 'emmett appendToStream, one conn, WAL + sync FULL vs ours FULL',
  'connection-normal': 'emmett appendToStream, one conn, WAL + sync NORMAL vs ours NORMAL',
};

function printTable(rows: readonly Row[]): void {
  const widths = (['workload', 'figure', 'value', 'baseline', 'ratio'] as const).map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['workload', 'figure', 'value', 'baseline', 'ratio']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line([r.workload, r.figure, r.value, r.baseline, r.ratio]));
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const size = quick
    ? { batch: 200_000, single: 20_000, full: 1_000, e2e: 5_000, rebuild: 200_000, peer: { batched: 20_000, singleStore: 300, single: 2_000 } }
    : { batch: 500_000, single: 100_000, full: 5_000, e2e: 20_000, rebuild: 1_000_000, peer: { batched: 100_000, singleStore: 1_000, single: 5_000 } };
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  if (process.argv.includes('--pg')) {
    const { rows, line } = await runPgComparison(quick, log);
    printTable(rows);
    console.log(line);
    return;
  }

  log(`running ${quick ? 'quick' : 'full'} event store benchmarks ...`);
  // The peer runs first, in this process (ours and Emmett alternate within it). If it fails, the
  // table says so instead of losing the other figures.
  const peer = await emmettPeer(size.peer).catch((error: unknown): PeerFigure[] => {
    log(`5/5 emmett failed: ${String(error)}`);
    return [];
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
  // Per setup, the smaller of our two ratios (batched, one per transaction); NaN when the peer failed.
  const vsEmmett = (setup: PeerSetup): number => {
    const ratios = peer.filter((f) => f.setup === setup).map((f) => f.oursEps / f.emmettEps);
    return ratios.length === 0 ? Number.NaN : Math.min(...ratios);
  };
  const rows: Row[] = [
    { workload: `1 batched append (${fmt(size.batch)} ev, 1000/tx)`, figure: 'events/s', value: fmt(batch.ours), baseline: `raw loop ${fmt(batch.raw)}`, ratio: (batch.ours / batch.raw).toFixed(2) },
    { workload: `2 one event per tx (${fmt(size.single)} ev, best of ${single.rounds} warm rounds)`, figure: 'events/s', value: fmt(single.eps), baseline: `raw loop ${fmt(single.rawEps)}`, ratio: (single.eps / single.rawEps).toFixed(2) },
    { workload: '2 one event per tx', figure: 'p50 / p99 ms', value: `${fmt(single.p50Ms, 3)} / ${fmt(single.p99Ms, 3)}`, baseline: '-', ratio: '-' },
    { workload: '2 one event per tx', figure: 'mean ms', value: fmt(single.meanMs, 3), baseline: `original's docs ${fmt(originalMeanMs, 2)} mean (not run)`, ratio: (originalMeanMs / single.meanMs).toFixed(1) },
    { workload: `2 durability FULL (${fmt(size.full)} ev)`, figure: 'events/s', value: fmt(single.fullEps), baseline: `NORMAL ${fmt(single.eps)}`, ratio: (single.fullEps / single.eps).toFixed(2) },
    { workload: '2 durability FULL', figure: 'p99 ms', value: fmt(single.fullP99Ms, 3), baseline: `NORMAL ${fmt(single.p99Ms, 3)}`, ratio: (single.fullP99Ms / single.p99Ms).toFixed(1) },
    { workload: `3 append + 3 handlers + projection (${fmt(size.e2e)} ev; WAL checkpoints on their thread)`, figure: 'events/s', value: fmt(e2e.eps), baseline: `original's docs ${originalEps} (not run)`, ratio: (e2e.eps / originalEps).toFixed(1) },
    { workload: '3 append -> projection commit (idle)', figure: 'p50 / p99 ms', value: `${fmt(e2e.p50Ms, 2)} / ${fmt(e2e.p99Ms, 2)}`, baseline: '-', ratio: '-' },
    { workload: '3 append -> projection commit (flood)', figure: 'p99 ms', value: fmt(e2e.floodP99Ms, 1), baseline: `idle ${fmt(e2e.p99Ms, 2)}`, ratio: (e2e.floodP99Ms / e2e.p99Ms).toFixed(0) },
    { workload: `3b critical commit -> handler done, lower lanes flooded (${fmt(flood.criticalEvents)} ev; WAL checkpoints on their thread)`, figure: 'p50 / p99 ms', value: `${fmt(flood.floodP50Ms, 2)} / ${fmt(flood.floodP99Ms, 2)}`, baseline: `idle ${fmt(flood.idleP50Ms, 2)} / ${fmt(flood.idleP99Ms, 2)}; loop delay p99 ${fmt(flood.floodLoopDelayP99Ms, 1)}`, ratio: (flood.floodP99Ms / flood.idleP99Ms).toFixed(0) },
    {
      workload: `4 rebuild rm-orders+rm-positions+rm-strategies, 1 pass (${fmt(rb.events)} ev), pages read ahead on a worker thread, from an empty WAL`,
      figure: `events/s, median of ${rb.rounds}`,
      value: fmt(rb.eps),
      baseline: `readAll only (main thread) ${fmt(rb.readEps)}`,
      ratio: (rb.eps / rb.readEps).toFixed(2),
    },
    {
      workload: '4 rebuild, every page read on the main thread (readAheadFrom: Infinity)',
      figure: `events/s, median of ${rb.rounds}`,
      value: fmt(rb.inlineEps),
      baseline: `read ahead ${fmt(rb.eps)}`,
      ratio: (rb.inlineEps / rb.eps).toFixed(2),
    },
    {
      workload: `4 rebuild read ahead, then checkpointing the ${fmt(rb.walFrames)} WAL frames it left (not in its time above)`,
      figure: `ms, median of ${rb.rounds}`,
      value: fmt(rb.checkpointMs, 1),
      baseline: `the rebuild ${fmt((rb.events / rb.eps) * 1_000, 0)} ms`,
      ratio: (rb.checkpointMs / ((rb.events / rb.eps) * 1_000)).toFixed(2),
    },
    { workload: '4 rebuild trading read models', figure: 'RSS MB after GC at 25/50/75/100%', value: rb.rssQuartilesMb.map((m) => fmt(m)).join(' / '), baseline: `before ${fmt(rb.rssBeforeMb)}`, ratio: (rb.rssQuartilesMb[rb.rssQuartilesMb.length - 1] / rb.rssQuartilesMb[0]).toFixed(2) },
    { workload: '4 rebuild trading read models', figure: 'RSS MB peak (no forced GC)', value: fmt(rb.rssPeakMb), baseline: `before ${fmt(rb.rssBeforeMb)}`, ratio: (rb.rssPeakMb / rb.rssBeforeMb).toFixed(2) },
    ...peer.map((f) => ({
      workload: `5 ${peerLabels[f.setup]}, ${f.shape === 'batched' ? '1000/tx' : 'one per tx'} (${fmt(f.events)} ev, median of ${f.rounds})`,
      figure: 'events/s',
      value: `ours ${fmt(f.oursEps)}`,
      baseline: `emmett ${fmt(f.emmettEps)} (${fmt(f.retries)} of ${fmt(f.appends)} appends retried)`,
      ratio: (f.oursEps / f.emmettEps).toFixed(1),
    })),
    ...(peer.length === 0 ? [{ workload: '5 emmett-sqlite peer', figure: 'events/s', value: 'failed (see stderr)', baseline: '-', ratio: '-' }] : []),
  ];
  printTable(rows);
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
      `rebuild_inline_eps=${Math.round(rb.inlineEps)}`,
      `rebuild_of_read_all=${(rb.eps / rb.readEps).toFixed(2)}`,
      `rebuild_checkpoint_ms=${rb.checkpointMs.toFixed(1)}`,
      `rss_growth_mb=${Math.round(rssGrowth)}`,
      `vs_emmett_normal=${vsEmmett('connection-normal').toFixed(1)}`,
      `vs_emmett_full=${vsEmmett('connection-full').toFixed(1)}`,
      `vs_emmett_store_full=${vsEmmett('store-full').toFixed(1)}`,
    ].join(' '),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
