// Strategy evaluation benchmark (issue 4, made like for like in issue 14): 20 markets x 3 strategies fed
// by trades, in-process. `npm run bench:strategy` for the full run, `-- --quick` for a run of a few
// seconds. Prints one table, each figure with its ratio to a baseline measured in this run, and ends
// with one machine-readable line.
import { EngineMode, MARKETS, MarketDesk, RuleCount, strategies } from './strategy.workload';
import { PricePath } from './price-path';

const T0 = Date.UTC(2026, 0, 1);
/** Every market trades once a second: a tick of the whole feed advances one market by one step. */
const TICK_MS = 1_000;
const RECOMPUTE_WINDOW = 100;
const MODES: readonly EngineMode[] = ['incremental', 'incremental-full', 'recompute-on-close'];
/**
 * A trade's path takes microseconds (a candle close in the recompute baseline, tens); one that took
 * longer than this was descheduled or collected garbage. Such ticks are left out of ticks/s (and
 * counted in the table): on a shared machine a handful of them decided the ratios. Latency
 * percentiles and the max keep every tick.
 */
const DESCHEDULED_US = 1_000;

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

interface Run {
  ticksPerS: number;
  /** Ticks left out of ticks/s: longer than DESCHEDULED_US. */
  descheduled: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  decisions: number;
  rules: Map<string, RuleCount>;
}

/**
 * Feeds `warmup + ticks` trades round-robin over the markets to the three modes in lockstep: each trade
 * goes through every mode's desk, one after the other in an order that rotates with each trade, each
 * timed on its own, so a burst of someone else's work on the machine hits the modes alike. The timed
 * region is the whole trade -> decision path of `MarketDesk.onTrade`: the candle, the indicator update
 * when a candle closes, the three strategies' evaluations and applying their decisions. Generating the
 * price is not timed, and every mode sees the same trades.
 */
function run(ticks: number, warmup: number): Map<EngineMode, Run> {
  const definitions = strategies();
  const lanes = MODES.map((mode) => ({
    mode,
    desks: MARKETS.map((market) => new MarketDesk(definitions, market, mode, RECOMPUTE_WINDOW)),
    latencies: new Float64Array(ticks),
  }));
  const paths = MARKETS.map((_, i) => new PricePath(1_000 + i));
  for (let i = 0; i < warmup + ticks; i++) {
    const m = i % MARKETS.length;
    const at = T0 + Math.floor(i / MARKETS.length) * TICK_MS;
    const price = paths[m].advance();
    const volume = paths[m].volume();
    for (let k = 0; k < lanes.length; k++) {
      const lane = lanes[(i + k) % lanes.length];
      const start = process.hrtime.bigint();
      lane.desks[m].onTrade(at, price, volume);
      const elapsed = process.hrtime.bigint() - start;
      if (i >= warmup) lane.latencies[i - warmup] = Number(elapsed) / 1_000;
    }
  }
  return new Map(lanes.map((lane) => [lane.mode, summarise(lane.desks, lane.latencies)]));
}

function summarise(desks: readonly MarketDesk[], latencies: Float64Array): Run {
  latencies.sort();
  let busyUs = 0;
  let counted = 0;
  for (const us of latencies) {
    if (us > DESCHEDULED_US) break;
    busyUs += us;
    counted += 1;
  }
  const rules = new Map<string, RuleCount>();
  for (const desk of desks) {
    for (const [key, count] of desk.rules) {
      const sum = rules.get(key) ?? { fired: 0, chosen: 0 };
      rules.set(key, { fired: sum.fired + count.fired, chosen: sum.chosen + count.chosen });
    }
  }
  return {
    ticksPerS: counted / (busyUs / 1e6),
    descheduled: latencies.length - counted,
    p50Us: percentile(latencies, 0.5),
    p99Us: percentile(latencies, 0.99),
    maxUs: latencies[latencies.length - 1],
    decisions: desks.reduce((sum, d) => sum + d.decisions, 0),
    rules,
  };
}

/** The run with the median throughput of a mode's rounds (its latencies come with it). */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.ticksPerS - b.ticksPerS)[Math.floor((runs.length - 1) / 2)];
}

const sameCounts = (a: Map<string, RuleCount>, b: Map<string, RuleCount>): boolean =>
  a.size === b.size && [...a].every(([key, count]) => b.get(key)?.fired === count.fired && b.get(key)?.chosen === count.chosen);

function main(): void {
  const quick = process.argv.includes('--quick');
  // The warm-up also fills 125 candles per market, so every indicator is ready when timing starts.
  const size = quick ? { ticks: 200_000, warmup: 150_000, rounds: 3 } : { ticks: 1_000_000, warmup: 150_000, rounds: 3 };
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  log(`running ${quick ? 'quick' : 'full'} strategy benchmark: ${MARKETS.length} markets x 3 strategies, ${MODES.length} modes in lockstep, ${size.rounds} rounds ...`);
  const runs = new Map<EngineMode, Run[]>(MODES.map((mode) => [mode, []]));
  for (let round = 0; round < size.rounds; round++) {
    for (const [mode, result] of run(size.ticks, size.warmup)) runs.get(mode)?.push(result);
    log(`round ${round + 1}/${size.rounds} done`);
  }
  const ours = median(runs.get('incremental') ?? []);
  const full = median(runs.get('incremental-full') ?? []);
  const naive = median(runs.get('recompute-on-close') ?? []);
  const totalTicks = size.ticks + size.warmup;

  const ruleRows = [...ours.rules].map(([key, count]) => {
    const base = naive.rules.get(key) ?? { fired: 0, chosen: 0 };
    return { workload: `3 ${key}`, figure: 'fired / chosen', value: `${fmt(count.fired)} / ${fmt(count.chosen)}`, baseline: `recompute ${fmt(base.fired)} / ${fmt(base.chosen)}`, ratio: '-' };
  });
  const neverFired = [...ours.rules.values()].filter((c) => c.fired === 0).length;
  const rounds = `median of ${size.rounds}`;
  const rows = [
    { workload: `1 ticks, incremental as the runner runs it (${fmt(size.ticks)} ticks, ${rounds})`, figure: 'ticks/s', value: fmt(ours.ticksPerS), baseline: `every tick in full ${fmt(full.ticksPerS)}`, ratio: (ours.ticksPerS / full.ticksPerS).toFixed(2) },
    { workload: `1 ticks, incremental, every tick in full (${rounds})`, figure: 'ticks/s', value: fmt(full.ticksPerS), baseline: `recompute on close ${fmt(naive.ticksPerS)}`, ratio: (full.ticksPerS / naive.ticksPerS).toFixed(2) },
    { workload: '2 trade -> decision, incremental', figure: 'p50 / p99 us', value: `${fmt(ours.p50Us, 2)} / ${fmt(ours.p99Us, 2)}`, baseline: `recompute p99 ${fmt(naive.p99Us, 2)}`, ratio: (naive.p99Us / ours.p99Us).toFixed(2) },
    { workload: '2 trade -> decision, every tick in full', figure: 'p50 / p99 us', value: `${fmt(full.p50Us, 2)} / ${fmt(full.p99Us, 2)}`, baseline: `recompute p99 ${fmt(naive.p99Us, 2)}`, ratio: (naive.p99Us / full.p99Us).toFixed(2) },
    { workload: `1 ticks left out of ticks/s (over ${fmt(DESCHEDULED_US)} us: descheduled)`, figure: 'count', value: `${fmt(ours.descheduled)} / ${fmt(full.descheduled)} / ${fmt(naive.descheduled)}`, baseline: 'incremental / in full / recompute', ratio: '-' },
    { workload: '2 trade -> decision, incremental', figure: 'max us', value: fmt(ours.maxUs, 1), baseline: `p99 ${fmt(ours.p99Us, 2)}`, ratio: (ours.maxUs / ours.p99Us).toFixed(1) },
    { workload: `3 decisions taken (${fmt(totalTicks)} ticks, warm-up included)`, figure: 'count', value: fmt(ours.decisions), baseline: `recompute ${fmt(naive.decisions)}`, ratio: (ours.decisions / naive.decisions).toFixed(2) },
    { workload: '3 same decisions as every tick in full', figure: 'per rule', value: sameCounts(ours.rules, full.rules) ? 'yes' : 'NO', baseline: '-', ratio: '-' },
    { workload: '3 rules that never fired', figure: 'count', value: fmt(neverFired), baseline: `of ${fmt(ours.rules.size)}`, ratio: '-' },
    ...ruleRows,
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
      `full_eval_ticks_per_s=${Math.round(full.ticksPerS)}`,
      `recompute_ticks_per_s=${Math.round(naive.ticksPerS)}`,
      `speedup_vs_recompute=${(full.ticksPerS / naive.ticksPerS).toFixed(2)}`,
      `quiet_tick_speedup=${(ours.ticksPerS / full.ticksPerS).toFixed(2)}`,
      `decisions=${ours.decisions}`,
      `rules_never_fired=${neverFired}`,
      `markets=${MARKETS.length}`,
      'strategies=3',
    ].join(' '),
  );
}

main();
