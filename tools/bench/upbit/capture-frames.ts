import { RunningSimulator } from '@trader/upbit-sim';
import WebSocket from 'ws';

export type FrameType = 'ticker' | 'trade' | 'orderbook';

/** Records real SIMPLE frames from the simulator's public stream, `perType` of each type. */
export async function captureFrames(sim: RunningSimulator, perType: number): Promise<Record<FrameType, string[]>> {
  const frames: Record<FrameType, string[]> = { ticker: [], trade: [], orderbook: [] };
  const codes = ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'];
  const ws = new WebSocket(sim.wsUrl);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('capturing frames took longer than 60 s')), 60_000);
    ws.on('open', () =>
      ws.send(JSON.stringify([{ ticket: 'bench' }, { type: 'ticker', codes }, { type: 'trade', codes }, { type: 'orderbook', codes }, { format: 'SIMPLE' }])),
    );
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const type = (JSON.parse(text) as { ty?: string }).ty as FrameType | undefined;
      if (type && type in frames && frames[type].length < perType) frames[type].push(text);
      if (Object.values(frames).every((list) => list.length >= perType)) {
        clearTimeout(timer);
        resolve();
      }
    });
    ws.on('error', reject);
  });
  ws.close();
  return frames;
}
