// Strategy evaluation benchmark (issue 4): 20 markets x 3 strategies fed by ticks, in-process.
// `npm run bench:strategy` for the full run, `-- --quick` for a run of a few seconds. Prints one table,
// each figure with its ratio to a baseline measured in this run, and ends with one machine-readable line.
import { MARKETS, MarketFeed, strategies } from './strategy.workload';

const T0 = Date.UTC(2026, 0, 1);
/** Every market trades once a second: a tick of the whole feed advances one market by one step. */
const TICK_MS = 1_000;
const RECOMPUTE_WINDOW = 100;
const ORIGINAL_EPS = 490;

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

interface Run {
  ticksPerS: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  decisions: number;
}

/** Feeds `ticks` ticks round-robin over the markets; each tick's evaluation of all three strategies is timed. */
function run(ticks: number, warmup: number, mode: 'incremental' | 'recompute'): Run {
  const definitions = strategies();
  const feeds = MARKETS.map((market, i) => new MarketFeed(definitions, market, 1_000 + i));
  const latencies = new Float64Array(ticks);
  let busyNs = 0n;
  for (let i = 0; i < warmup + ticks; i++) {
    const feed = feeds[i % feeds.length];
    const at = T0 + Math.floor(i / feeds.length) * TICK_MS;
    const price = feed.advance(at);
    const start = process.hrtime.bigint();
    if (mode === 'incremental') feed.evaluate(at, price);
    else feed.evaluateByRecompute(at, price, RECOMPUTE_WINDOW);
    const elapsed = process.hrtime.bigint() - start;
    if (i >= warmup) {
      latencies[i - warmup] = Number(elapsed) / 1_000;
      busyNs += elapsed;
    }
  }
  latencies.sort();
  return {
    ticksPerS: ticks / (Number(busyNs) / 1e9),
    p50Us: percentile(latencies, 0.5),
    p99Us: percentile(latencies, 0.99),
    maxUs: latencies[latencies.length - 1],
    decisions: feeds.reduce((sum, f) => sum + f.decisions, 0),
  };
}

function main(): void {
  const quick = process.argv.includes('--quick');
  // The warm-up also fills 100+ candles per market, so every indicator is ready when timing starts.
  const size = quick ? { ticks: 200_000, warmup: 150_000, baseline: 4_000 } : { ticks: 2_000_000, warmup: 150_000, baseline: 20_000 };
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  log(`running ${quick ? 'quick' : 'full'} strategy benchmark: ${MARKETS.length} markets x 3 strategies ...`);
  const ours = run(size.ticks, size.warmup, 'incremental');
  log('1/2 incremental done');
  const naive = run(size.baseline, size.warmup, 'recompute');
  log('2/2 recompute baseline done');

  const evaluationsPerS = ours.ticksPerS * 3;
  const rows = [
    { workload: `1 ticks, incremental (${fmt(size.ticks)} ticks)`, figure: 'ticks/s', value: fmt(ours.ticksPerS), baseline: `recompute ${fmt(naive.ticksPerS)}`, ratio: (ours.ticksPerS / naive.ticksPerS).toFixed(1) },
    { workload: '1 strategy evaluations', figure: 'evaluations/s', value: fmt(evaluationsPerS), baseline: `original bus ${ORIGINAL_EPS} ev/s`, ratio: (evaluationsPerS / ORIGINAL_EPS).toFixed(0) },
    { workload: '2 tick -> decision (3 strategies)', figure: 'p50 / p99 us', value: `${fmt(ours.p50Us, 2)} / ${fmt(ours.p99Us, 2)}`, baseline: `recompute p99 ${fmt(naive.p99Us, 1)}`, ratio: (naive.p99Us / ours.p99Us).toFixed(1) },
    { workload: '2 tick -> decision (3 strategies)', figure: 'max us', value: fmt(ours.maxUs, 1), baseline: `p99 ${fmt(ours.p99Us, 2)}`, ratio: (ours.maxUs / ours.p99Us).toFixed(1) },
    { workload: '3 decisions taken', figure: 'count', value: fmt(ours.decisions), baseline: `per 1k ticks ${fmt((ours.decisions / size.ticks) * 1_000, 1)}`, ratio: '-' },
  ];
  const keys = ['workload', 'figure', 'value', 'baseline', 'ratio'] as const;
  const widths = keys.map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line([...keys]));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => r[k])));
  console.log(
    [
      `ticks_per_s=${Math.round(ours.ticksPerS)}`,
      `decision_p99_us=${ours.p99Us.toFixed(2)}`,
      `decision_p50_us=${ours.p50Us.toFixed(2)}`,
      `evaluations_per_s=${Math.round(evaluationsPerS)}`,
      `recompute_ticks_per_s=${Math.round(naive.ticksPerS)}`,
      `speedup_vs_recompute=${(ours.ticksPerS / naive.ticksPerS).toFixed(1)}`,
      `markets=${MARKETS.length}`,
      'strategies=3',
    ].join(' '),
  );
}

main();
