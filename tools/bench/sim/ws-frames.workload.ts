import { AddressInfo } from 'node:net';
import { ManualSimClock, startSimulator } from '@trader/upbit-sim';
import { WebSocket, WebSocketServer } from 'ws';

const TICKS_PER_ROUND = 20;

/**
 * Counts frames one client receives. After each round the client sends PING and waits for
 * {"status":"UP"}: frames arrive in order, so the reply proves every earlier frame arrived, and the
 * server never runs ahead of the client.
 */
class CountingClient {
  frames = 0;
  bytes = 0;
  private waiting: (() => void) | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      if (data.length < 20 && data.toString() === '{"status":"UP"}') {
        this.waiting?.();
        return;
      }
      this.frames++;
      this.bytes += data.length;
    });
  }

  static async open(url: string): Promise<CountingClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CountingClient(socket);
  }

  async sync(): Promise<void> {
    const done = new Promise<void>((resolve) => (this.waiting = resolve));
    this.socket.send('PING');
    await done;
  }
}

export interface WsFramesResult {
  readonly framesPerS: number;
  readonly bytesPerFrame: number;
  readonly ticksPerS: number;
  readonly rawFramesPerS: number;
}

/** The simulator streaming ticker, trade, orderbook and 1 s candles of 3 markets as fast as it can tick. */
async function simulatorFrames(durationMs: number): Promise<{ framesPerS: number; bytesPerFrame: number; ticksPerS: number }> {
  const clock = new ManualSimClock(Date.UTC(2026, 0, 5));
  const sim = await startSimulator({ clock, seed: 3, warmup: { steps: 10, stepMs: 60_000 }, rateLimits: false });
  const client = await CountingClient.open(sim.wsUrl);
  const codes = sim.markets;
  client.socket.send(JSON.stringify([{ ticket: 'bench' }, ...['ticker', 'trade', 'orderbook', 'candle.1s'].map((type) => ({ type, codes, is_only_realtime: true }))]));
  await client.sync();
  const started = Date.now();
  let ticks = 0;
  while (Date.now() - started < durationMs) {
    for (let i = 0; i < TICKS_PER_ROUND; i++) clock.advance(500);
    ticks += TICKS_PER_ROUND;
    await client.sync();
  }
  const seconds = (Date.now() - started) / 1000;
  const result = { framesPerS: client.frames / seconds, bytesPerFrame: client.bytes / Math.max(1, client.frames), ticksPerS: ticks / seconds };
  client.socket.terminate();
  await sim.close();
  return result;
}

/** Baseline: a bare `ws` server pushing a pre-encoded frame of the same size, with the same flow control. */
async function rawFrames(durationMs: number, frameBytes: number): Promise<number> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const frame = Buffer.from(JSON.stringify({ type: 'ticker', pad: 'x'.repeat(Math.max(0, Math.round(frameBytes) - 30)) }));
  server.on('connection', (socket) => {
    socket.on('message', () => {
      for (let i = 0; i < 200; i++) socket.send(frame, { binary: true });
      socket.send(Buffer.from('{"status":"UP"}'), { binary: true });
    });
  });
  const client = await CountingClient.open(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const started = Date.now();
  while (Date.now() - started < durationMs) await client.sync();
  const perS = client.frames / ((Date.now() - started) / 1000);
  client.socket.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return perS;
}

export async function wsFrames(durationMs: number): Promise<WsFramesResult> {
  const sim = await simulatorFrames(durationMs);
  const rawFramesPerS = await rawFrames(durationMs, sim.bytesPerFrame);
  return { ...sim, rawFramesPerS };
}
