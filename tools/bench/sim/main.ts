// Simulator throughput (issue 5). `npm run bench:sim` for the full run, `-- --quick` for a short one.
// Prints one table, each figure with its ratio to a baseline measured in this run, and ends with one
// machine-readable line.
import { orders } from './orders.workload';
import { wsFrames } from './ws-frames.workload';

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const durationMs = quick ? 2_000 : 8_000;
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  log(`running ${quick ? 'quick' : 'full'} simulator benchmarks (${durationMs / 1000} s per workload) ...`);
  const ws = await wsFrames(durationMs);
  log('1/2 WebSocket frames done');
  const rest = await orders(durationMs);
  log('2/2 orders done');

  const rows = [
    ['1 WS frames to one client (ticker+trade+orderbook+candle.1s, 3 markets)', 'frames/s', fmt(ws.framesPerS), `bare ws ${fmt(ws.rawFramesPerS)}`, (ws.framesPerS / ws.rawFramesPerS).toFixed(2)],
    ['1 market ticks driving those frames', 'ticks/s', fmt(ws.ticksPerS), `real time ${fmt(2)}`, fmt(ws.ticksPerS / 2)],
    ['2 REST POST /orders, 8 lanes, JWT + match', 'orders/s', fmt(rest.restOrdersPerS), `bare http ${fmt(rest.rawPostsPerS)}`, (rest.restOrdersPerS / rest.rawPostsPerS).toFixed(2)],
    ['3 matching engine in process (no HTTP)', 'orders/s', fmt(rest.engineOrdersPerS), `REST ${fmt(rest.restOrdersPerS)}`, (rest.engineOrdersPerS / rest.restOrdersPerS).toFixed(1)],
  ];
  const header = ['workload', 'figure', 'value', 'baseline (same run)', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);
  if (rest.failures > 0) process.stdout.write(`warning: ${rest.failures} orders were refused during the REST run\n`);
  process.stdout.write(
    `ws_frames_per_s=${Math.round(ws.framesPerS)} orders_per_s=${Math.round(rest.restOrdersPerS)} engine_orders_per_s=${Math.round(rest.engineOrdersPerS)} ws_bytes_per_frame=${Math.round(ws.bytesPerFrame)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
