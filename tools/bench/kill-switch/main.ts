// Kill switch benchmark (issue 10, point 6). `npm run bench:kill-switch` engages the kill switch on a
// store of 1,000,000 events (10,000 orders, 20 working), `-- --quick` on 100,000 events (1,000 orders,
// 20 working). Compares finding the working orders in the order read model with scanning the log, in
// the same run, and ends with one machine-readable line.
import 'reflect-metadata';
import { cachedStore, StoreShape } from './kill-switch-store';
import { killSwitchWorkload } from './kill-switch.workload';

const fmt = (n: number, digits = 2): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const shape: StoreShape = quick ? { events: 100_000, orders: 1_000, open: 20 } : { events: 1_000_000, orders: 10_000, open: 20 };
  const plan = quick ? { rounds: 5, readModelPerRound: 20 } : { rounds: 10, readModelPerRound: 20 };
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);

  log(`kill switch benchmark on ${shape.events.toLocaleString('en-US')} events (${shape.orders} orders, ${shape.open} working) ...`);
  const path = await cachedStore(shape);
  const samples = await killSwitchWorkload(path, plan);
  const readP99 = quantile(samples.readModelMs, 0.99);
  const scanP99 = quantile(samples.scanMs, 0.99);
  const rows = [
    ['engage kill switch, end to end', 'order read model (the app)', samples.readModelMs],
    ['engage kill switch, end to end', 'log scan (baseline)', samples.scanMs],
    ['find the working orders only', 'order read model (the app)', samples.readModelLookupMs],
    ['find the working orders only', 'log scan (baseline)', samples.scanLookupMs],
  ] as const;
  console.log(`| measured | open orders found by | runs | p50 ms | p99 ms |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const [what, name, ms] of rows) console.log(`| ${what} | ${name} | ${ms.length} | ${fmt(quantile(ms, 0.5))} | ${fmt(quantile(ms, 0.99))} |`);
  const lookupRatio = quantile(samples.scanLookupMs, 0.99) / quantile(samples.readModelLookupMs, 0.99);
  console.log(`cancels requested per engage: ${samples.cancelRequested}`);
  console.log(`read model:          kill_switch_p99_ms=${readP99.toFixed(2)}`);
  console.log(`log scan (baseline): kill_switch_p99_ms=${scanP99.toFixed(2)}`);
  console.log(`ratio (scan / read model): ${(scanP99 / readP99).toFixed(1)} end to end, ${lookupRatio.toFixed(0)} for finding the working orders`);
  console.log(
    `events=${shape.events} kill_switch_p99_ms=${readP99.toFixed(2)} scan_kill_switch_p99_ms=${scanP99.toFixed(2)} speedup_vs_scan=${(scanP99 / readP99).toFixed(1)} lookup_speedup_vs_scan=${lookupRatio.toFixed(0)}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
