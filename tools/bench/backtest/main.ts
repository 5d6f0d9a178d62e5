// Backtest benchmark (issue 12, "Speed"): a seeded year of one-minute candles for two markets, backtested
// through our full path (SQLite market history -> BacktestEngine with the live components -> SQLite event
// store) and, in the same process, through grademark's full path and a plain hand-written loop of the
// same rules. Both `npm run bench:backtest` and `-- --quick` run the year, as issue 12 specifies (the quick
// run takes 3 rounds instead of 7); `-- --days=N` runs N days instead, for a quick look while working on
// the path (not comparable: see docs/benchmarks/backtest.md). Prints one table, each figure with its
// ratio to a baseline measured in this run, the trade comparison, and ends with one machine-readable line.
import { tradesDigest } from '@trader/application';
import { SqliteMarketHistory } from '@trader/market-history';
import Sqlite from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchTrades, TradeMatch } from './bench-trade';
import { BENCH_SERIES, MINUTE_MS, writeSeries } from './candle-series';
import { runGrademark } from './grademark.workload';
import { CandleArrays, handLoop } from './hand-loop.workload';
import { runOurs } from './ours.workload';

const FROM = Date.UTC(2025, 10, 1);
const YEAR_TWO_MARKETS = 2 * 365 * 24 * 60;
const MARKETS = BENCH_SERIES.map((s) => s.market);

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;
const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const log = (line: string): boolean => process.stderr.write(`${line}\n`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Reads the candles into number arrays: the input of the hand loop (outside its timing) and the SQLite read floor (timed). */
async function readArrays(path: string, from: number, to: number): Promise<CandleArrays[]> {
  const history = await SqliteMarketHistory.open(path, { readonly: true });
  try {
    return MARKETS.map((market) => {
      const rows = [...history.candles(market, '1m', from, to)];
      const arrays = { market, start: new Float64Array(rows.length), open: new Float64Array(rows.length), high: new Float64Array(rows.length), low: new Float64Array(rows.length), close: new Float64Array(rows.length) };
      rows.forEach((c, i) => {
        arrays.start[i] = c.start;
        arrays.open[i] = Number(c.open);
        arrays.high[i] = Number(c.high);
        arrays.low[i] = Number(c.low);
        arrays.close[i] = Number(c.close);
      });
      return arrays;
    });
  } finally {
    history.close();
  }
}

/** Reads the candles as the backtest does, from the market history's number-column pages (timed: ours' data floor). */
async function readColumns(path: string, from: number, to: number): Promise<number> {
  const history = await SqliteMarketHistory.open(path, { readonly: true });
  let sum = 0;
  try {
    for (const market of MARKETS) for (const page of history.candleColumns(market, '1m', from, to)) for (let i = 0; i < page.count; i++) sum += (page.close[i] as number) - (page.open[i] as number);
  } finally {
    history.close();
  }
  return sum;
}

/**
 * The one-off cost of the column pages, timed alone: the file taken back to schema 1 (its pages dropped)
 * and opened for writing, which builds every page from the candles' text rows, as a download, an
 * import or the first writable open of an older file does (pages are written with the candles).
 */
async function buildColumnsOnce(path: string): Promise<number> {
  const raw = new Sqlite(path);
  raw.exec('DROP TABLE candle_columns');
  raw.pragma('user_version = 1');
  raw.close();
  const start = process.hrtime.bigint();
  const history = await SqliteMarketHistory.open(path);
  history.close();
  return since(start);
}

function describe(match: TradeMatch): string {
  if (!match.firstDifference) return 'none';
  const show = (t: { market: string; entryCandle: number; exitCandle: number | null } | null): string =>
    t ? `${t.market} ${new Date(t.entryCandle).toISOString()} -> ${t.exitCandle === null ? 'open' : new Date(t.exitCandle).toISOString()}` : '-';
  return `ours ${show(match.firstDifference.ours)} / other ${show(match.firstDifference.other)}`;
}

/**
 * `--days=N` (1 to 365), 365 when absent. A shorter run is not a smaller copy of the year: its order path
 * runs a few hundred times and is still being optimised by V8 when it ends (docs/benchmarks/backtest.md).
 */
function daysArgument(argv: readonly string[]): number {
  const flag = argv.find((a) => a.startsWith('--days='));
  if (flag === undefined) return 365;
  const days = Number(flag.slice('--days='.length));
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new RangeError(`--days must be an integer from 1 to 365, got ${flag}`);
  return days;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const days = daysArgument(process.argv);
  const minutes = days * 24 * 60;
  const to = FROM + minutes * MINUTE_MS;
  const candles = minutes * MARKETS.length;
  // A round of the year takes about 8 s here (ours about 2.3, grademark about 5.7); the rounds of one
  // run stay within a few per cent of each other, so 3 do for the quick run.
  const rounds = quick ? 3 : 7;
  const dir = await mkdtemp(join(tmpdir(), 'trader-bench-backtest-'));
  try {
    const path = join(dir, 'candles.sqlite');
    log(`generating ${fmt(candles)} one-minute candles (${days} days x ${MARKETS.length} markets) into ${path} (not timed) ...`);
    await writeSeries(path, BENCH_SERIES, FROM, minutes);
    const buildS = await buildColumnsOnce(path);
    const arrays = await readArrays(path, FROM, to);

    // Memory: the same run on a quarter of the range, then on all of it; a run that kept per-candle objects would grow with it.
    const rssStart = rssMb();
    const quarter = await runOurs(path, MARKETS, FROM, FROM + Math.floor(minutes / 4) * MINUTE_MS, MINUTE_MS);
    const rssQuarter = rssMb();
    await runOurs(path, MARKETS, FROM, to, MINUTE_MS);
    const rssFull = rssMb();
    log(`memory probe: rss ${fmt(rssStart)} MB before, ${fmt(rssQuarter)} MB after 1/4 range (${fmt(quarter.run.candlesProcessed)} candles), ${fmt(rssFull)} MB after the full range`);

    const times = { ours: [] as number[], grademark: [] as number[], grademarkBacktest: [] as number[], hand: [] as number[], read: [] as number[], columns: [] as number[], noOrders: [] as number[] };
    const digests = new Set<string>();
    let ours = quarter;
    let grademark = await runGrademark(path, MARKETS, FROM, to);
    let hand = handLoop(arrays);
    for (let round = 1; round <= rounds; round++) {
      ours = await runOurs(path, MARKETS, FROM, to, MINUTE_MS);
      times.ours.push(ours.fullS);
      digests.add(tradesDigest(ours.run.trades));
      const quiet = await runOurs(path, MARKETS, FROM, to, MINUTE_MS, 0);
      if (quiet.run.decisions !== 0) throw new Error(`the run without orders decided ${quiet.run.decisions} times`);
      times.noOrders.push(quiet.fullS);
      grademark = await runGrademark(path, MARKETS, FROM, to);
      times.grademark.push(grademark.fullS);
      times.grademarkBacktest.push(grademark.backtestS);
      let start = process.hrtime.bigint();
      hand = handLoop(arrays);
      times.hand.push(since(start));
      start = process.hrtime.bigint();
      await readArrays(path, FROM, to);
      times.read.push(since(start));
      start = process.hrtime.bigint();
      await readColumns(path, FROM, to);
      times.columns.push(since(start));
      log(`round ${round}/${rounds}: ours ${fmt(ours.fullS, 2)} s (without orders ${fmt(times.noOrders.at(-1) ?? 0, 2)} s), grademark ${fmt(grademark.fullS, 2)} s (backtest() ${fmt(grademark.backtestS, 2)} s), hand loop ${fmt(times.hand.at(-1) ?? 0, 3)} s`);
    }

    const rate = (seconds: number[]): number => candles / median(seconds);
    const oursRate = rate(times.ours);
    const grademarkRate = rate(times.grademark);
    const grademarkBacktestRate = rate(times.grademarkBacktest);
    const handRate = rate(times.hand);
    const readRate = rate(times.read);
    const columnsRate = rate(times.columns);
    const noOrdersRate = rate(times.noOrders);
    const extrapolated = candles !== YEAR_TWO_MARKETS;
    const yearS = extrapolated ? YEAR_TWO_MARKETS / oursRate : median(times.ours);
    const vsGrademark = oursRate / grademarkRate;
    const vsHand = oursRate / handRate;
    const withGrademark = matchTrades(ours.trades, grademark.trades);
    const withHand = matchTrades(ours.trades, hand.trades);

    const label = `${days} d x ${MARKETS.length} markets, ${fmt(candles)} candles, median of ${rounds}`;
    const rows = [
      { workload: `1 ours: runBacktest full path, candles from the history's column pages (${label})`, figure: 'candles/s', value: fmt(oursRate), baseline: `grademark full ${fmt(grademarkRate)}`, ratio: vsGrademark.toFixed(2) },
      { workload: '1b ours, same full path, entry never fires (RSI < 0): no order, the per-candle path alone', figure: 'candles/s', value: fmt(noOrdersRate), baseline: `grademark full ${fmt(grademarkRate)}`, ratio: (noOrdersRate / grademarkRate).toFixed(2) },
      { workload: '2 grademark full path: SQLite read, DataFrame, RSI, backtest()', figure: 'candles/s', value: fmt(grademarkRate), baseline: `ours ${fmt(oursRate)}`, ratio: (grademarkRate / oursRate).toFixed(2) },
      { workload: '3 grademark backtest() alone (its RSI preparation included)', figure: 'candles/s', value: fmt(grademarkBacktestRate), baseline: `ours ${fmt(oursRate)}`, ratio: (grademarkBacktestRate / oursRate).toFixed(2) },
      { workload: '4 hand loop over in-memory Float64Arrays (no I/O)', figure: 'candles/s', value: fmt(handRate), baseline: `ours ${fmt(oursRate)}`, ratio: (handRate / oursRate).toFixed(1) },
      { workload: '5 SQLite read alone: candles (text rows) to number arrays', figure: 'candles/s', value: fmt(readRate), baseline: `ours ${fmt(oursRate)}`, ratio: (readRate / oursRate).toFixed(1) },
      { workload: "5b SQLite read alone: the history's column pages, as ours reads them", figure: 'candles/s', value: fmt(columnsRate), baseline: `ours ${fmt(oursRate)}`, ratio: (columnsRate / oursRate).toFixed(1) },
      { workload: '5c one-off, not in row 1: building the column pages from the text rows (once per write)', figure: 'candles/s', value: fmt(candles / buildS), baseline: `ours ${fmt(oursRate)}`, ratio: (candles / buildS / oursRate).toFixed(1) },
      { workload: `6 one year x 2 markets, ours${extrapolated ? ` (extrapolated from ${days} days: not comparable, see docs/benchmarks/backtest.md)` : ''}`, figure: 's', value: fmt(yearS, 2), baseline: 'target 2 s', ratio: (yearS / 2).toFixed(2) },
      { workload: '7 rss after the full range vs after 1/4 of it', figure: 'MB', value: `${fmt(rssFull)} / ${fmt(rssQuarter)}`, baseline: `before ${fmt(rssStart)}`, ratio: (rssFull / rssQuarter).toFixed(2) },
      { workload: '8 decisions recorded (StrategyDecided)', figure: 'count', value: fmt(ours.run.decisions), baseline: `hand loop ${fmt(hand.decisions)}`, ratio: (ours.run.decisions / Math.max(1, hand.decisions)).toFixed(2) },
    ];
    const keys = ['workload', 'figure', 'value', 'baseline', 'ratio'] as const;
    const widths = keys.map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
    const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(line([...keys]));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(keys.map((k) => r[k])));
    console.log(`first difference with grademark: ${describe(withGrademark)}`);
    console.log(`first difference with the hand loop: ${describe(withHand)}`);
    console.log(`trades_hand=${withHand.other} trades_hand_matching=${withHand.matching} trades_hand_same_prices=${withHand.samePrices}`);
    console.log(`trades_ours=${withGrademark.ours} trades_grademark=${withGrademark.other} trades_matching=${withGrademark.matching}`);
    // Every timed round of ours ran the same input: one digest, or the run is not deterministic.
    console.log(`trades_sha256=${[...digests].join(',')} rounds_same_trades=${digests.size === 1}`);
    console.log(
      [
        `candles_per_s=${Math.round(oursRate)}`,
        `year_2_markets_s=${yearS.toFixed(2)}`,
        `rss_mb=${Math.round(rssFull)}`,
        `decisions=${ours.run.decisions}`,
        `vs_grademark=${vsGrademark.toFixed(2)}`,
        `vs_hand_loop=${vsHand.toFixed(3)}`,
      ].join(' '),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
