import { MarketDataUpdate, StreamSignal, StreamSubscription } from '@trader/application';
import { SystemClock, TaskManager, silentLogger } from '@trader/runtime';
import { createUpbitClient } from '@trader/upbit';
import { RunningSimulator } from '@trader/upbit-sim';
import WebSocket from 'ws';

export interface LatencyResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const CODES = ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'];

/** Wall time with sub-millisecond resolution, comparable with the simulator's epoch-ms `tms`. */
function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

function summarize(latencies: number[]): LatencyResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Tick (simulator `tms`) to a consumer's `for await` loop, through our client. */
export async function clientLatency(sim: RunningSimulator, durationMs: number): Promise<LatencyResult> {
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const client = createUpbitClient({ clock, tasks }, { restUrl: sim.restUrl, publicWsUrl: sim.wsUrl });
  for (const component of client.components) await component.start();
  const latencies: number[] = [];
  const subscriptions: Array<StreamSubscription<MarketDataUpdate>> = (['ticker', 'trade', 'orderbook'] as const).map((kind) =>
    client.streams.subscribe({ kind, markets: CODES, onlyRealtime: true }),
  );
  const readers = subscriptions.map(async (subscription) => {
    for await (const message of subscription as AsyncIterable<MarketDataUpdate | StreamSignal>) {
      const at = nowMs();
      if (message.kind === 'ticker' || message.kind === 'trade' || message.kind === 'orderbook') latencies.push(at - message.timestamp);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  for (const subscription of subscriptions) subscription.close();
  await Promise.all(readers);
  for (const component of [...client.components].reverse()) await component.stop();
  await tasks.shutdown(2_000);
  return summarize(latencies);
}

/** The same measure with a bare `ws` socket and `JSON.parse`: the floor our client adds to. */
export async function rawLatency(sim: RunningSimulator, durationMs: number): Promise<LatencyResult> {
  const latencies: number[] = [];
  const ws = new WebSocket(sim.wsUrl);
  ws.on('open', () =>
    ws.send(
      JSON.stringify([
        { ticket: 'raw' },
        { type: 'ticker', codes: CODES, is_only_realtime: true },
        { type: 'trade', codes: CODES, is_only_realtime: true },
        { type: 'orderbook', codes: CODES, is_only_realtime: true },
        { format: 'SIMPLE' },
      ]),
    ),
  );
  ws.on('message', (data: Buffer) => {
    const at = nowMs();
    const message = JSON.parse(data.toString('utf8')) as { tms?: number };
    if (typeof message.tms === 'number') latencies.push(at - message.tms);
  });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  ws.close();
  return summarize(latencies);
}
