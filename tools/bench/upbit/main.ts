// Upbit client benchmarks (issue 6). `npm run bench:upbit` for the full run, `-- --quick` for a short
// one. Prints one table, each figure with its ratio to a baseline measured in this run, and ends with
// one machine-readable line.
import { startSimulator } from '@trader/upbit-sim';
import { captureFrames } from './capture-frames';
import { decodeRates } from './decode.workload';
import { clientLatency, rawLatency } from './latency.workload';

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Row {
  workload: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  // decodeMs: time per side (ours, JSON.parse) and frame type, split into alternating slices.
  const size = quick ? { frames: 300, decodeMs: 1_000, latencyMs: 5_000 } : { frames: 1_000, decodeMs: 3_000, latencyMs: 30_000 };
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  log(`running ${quick ? 'quick' : 'full'} Upbit client benchmarks ...`);

  // Rate limits off: the benchmark measures the client, not the limiter. 20 ms ticks: 50 ticks/s.
  const sim = await startSimulator({ rateLimits: false, tickIntervalMs: 20, warmup: { steps: 10, stepMs: 60_000 } });
  try {
    const frames = await captureFrames(sim, size.frames);
    log('1/3 frames captured');
    const decode = decodeRates(frames, size.decodeMs);
    log('2/3 decode measured');
    const raw = await rawLatency(sim, size.latencyMs);
    const ours = await clientLatency(sim, size.latencyMs);
    log('3/3 latency measured');

    const rows: Row[] = [];
    for (const type of ['ticker', 'trade', 'orderbook', 'mixed'] as const) {
      const r = decode[type];
      rows.push({
        workload: `decode SIMPLE ${type} (${fmt(type === 'mixed' ? size.frames * 3 : size.frames)} real frames, alternating with JSON.parse)`,
        figure: 'msgs/s',
        value: fmt(r.ours),
        baseline: `JSON.parse ${fmt(r.jsonParse)}`,
        ratio: (r.ours / r.jsonParse).toFixed(2),
      });
    }
    rows.push({
      workload: `tick -> consumer, loopback (${fmt(ours.samples)} msgs)`,
      figure: 'p50 / p99 / max ms',
      value: `${fmt(ours.p50Ms, 2)} / ${fmt(ours.p99Ms, 2)} / ${fmt(ours.maxMs, 1)}`,
      baseline: `raw ws p99 ${fmt(raw.p99Ms, 2)} (${fmt(raw.samples)} msgs)`,
      ratio: (ours.p99Ms / raw.p99Ms).toFixed(2),
    });
    const widths = (['workload', 'figure', 'value', 'baseline', 'ratio'] as const).map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
    const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(line(['workload', 'figure', 'value', 'baseline', 'ratio']));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line([r.workload, r.figure, r.value, r.baseline, r.ratio]));
    console.log(
      [
        `decode_msgs_per_s=${Math.round(decode.mixed.ours)}`,
        `decode_ticker_msgs_per_s=${Math.round(decode.ticker.ours)}`,
        `decode_trade_msgs_per_s=${Math.round(decode.trade.ours)}`,
        `decode_orderbook_msgs_per_s=${Math.round(decode.orderbook.ours)}`,
        `decode_vs_json_parse=${(decode.mixed.ours / decode.mixed.jsonParse).toFixed(2)}`,
        `decode_vs_json_parse_ticker=${(decode.ticker.ours / decode.ticker.jsonParse).toFixed(2)}`,
        `decode_vs_json_parse_trade=${(decode.trade.ours / decode.trade.jsonParse).toFixed(2)}`,
        `decode_vs_json_parse_orderbook=${(decode.orderbook.ours / decode.orderbook.jsonParse).toFixed(2)}`,
        `decode_vs_json_parse_mixed=${(decode.mixed.ours / decode.mixed.jsonParse).toFixed(2)}`,
        `tick_to_consumer_p50_ms=${ours.p50Ms.toFixed(2)}`,
        `tick_to_consumer_p99_ms=${ours.p99Ms.toFixed(2)}`,
        `raw_ws_p99_ms=${raw.p99Ms.toFixed(2)}`,
      ].join(' '),
    );
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
