/** One benchmark the aggregate run starts: `npm run bench:<name>`. */
export interface BenchmarkEntry {
  /** The part after `bench:` in package.json's scripts. */
  readonly name: string;
  /** What it measures, for the summary table. */
  readonly title: string;
  /** The baseline it measures in the same run (every figure is a ratio against it). */
  readonly baseline: string;
  /** Its detailed page, relative to docs/. */
  readonly details: string;
}

/**
 * Every benchmark under tools/bench, in the order the aggregate run starts them: the in-process ones
 * first, the ones that start servers or build the trader last, so a failure late in the run costs
 * the fewest figures.
 */
export const BENCHMARKS: readonly BenchmarkEntry[] = [
  {
    name: 'strategy',
    title: 'Strategy evaluation, 20 markets × 3 strategies, trade → decision including indicator updates',
    baseline: 'the same path evaluating every tick in full, rebuilding the indicators from the last 100 candles at each candle close',
    details: 'benchmarks/strategy.md',
  },
  {
    name: 'event-store',
    title: 'Event store: batched append, one per transaction (NORMAL and FULL), append → 3 handlers + projection, rebuild, emmett-sqlite peer at equal durability',
    baseline: 'a raw better-sqlite3 prepared-statement loop on the same schema; emmett-sqlite on the same appends at the same synchronous setting',
    details: 'benchmarks/event-store.md',
  },
  {
    name: 'upbit',
    title: 'Upbit client: SIMPLE frame decode rate, tick-to-consumer latency over loopback from the simulator',
    baseline: '`JSON.parse` of the same frames; a bare `ws` client on the same stream',
    details: 'benchmarks/upbit-client.md',
  },
  {
    name: 'sim',
    title: 'Simulator: WebSocket frames per second to one client, REST orders matched per second',
    baseline: 'a bare `ws` server and a bare `node:http` server',
    details: 'benchmarks/simulator.md',
  },
  {
    name: 'kill-switch',
    title: 'Kill switch on an event store (quick: 100,000 events): engage end to end, and finding the working orders alone',
    baseline: '`ScannedTrackedOrders` (scan of the whole log), alternating with the read-model path',
    details: 'benchmarks/kill-switch.md',
  },
  {
    name: 'backtest',
    title: 'Backtest, one year of 1m candles × 2 markets (quick: 3 rounds), full path: SQLite market history → live components → SQLite event store',
    baseline: 'grademark 0.3.0 full path and a hand-written loop of the same rules, alternating',
    details: 'benchmarks/backtest.md',
  },
  {
    name: 'order-flow',
    title: "Order flow at Upbit's order rate (12 orders/s + 2 cancels/s; quick: 15 s) through the built trader's admin API to the simulator (builds the trader first)",
    baseline: 'the same load sent straight to the simulator by the Upbit client',
    details: 'benchmarks/order-flow.md',
  },
];
