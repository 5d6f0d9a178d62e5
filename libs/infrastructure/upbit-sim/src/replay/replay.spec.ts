import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningSimulator } from '../simulator';
import { SimHttpClient, SimWsClient } from '../test-support/sim-client';
import { T0, startTestSimulator } from '../test-support/test-simulator';
import { ReplayFileError, parseReplay } from './replay-file';

type Json = Record<string, unknown>;

const RECORDED = [
  // DEFAULT format, as Upbit sends it.
  {
    type: 'orderbook',
    code: 'KRW-XRP',
    timestamp: 1_700_000_000_000,
    total_ask_size: 300,
    total_bid_size: 300,
    orderbook_units: [
      { ask_price: 3001, bid_price: 3000, ask_size: 100, bid_size: 100 },
      { ask_price: 3002, bid_price: 2999, ask_size: 200, bid_size: 200 },
    ],
    stream_type: 'REALTIME',
  },
  { type: 'ticker', code: 'KRW-XRP', timestamp: 1_700_000_000_100, trade_price: 3001 },
  // SIMPLE format.
  { ty: 'trade', cd: 'KRW-XRP', tms: 1_700_000_001_000, tp: 3001, tv: 40, ab: 'BID', st: 'REALTIME' },
  { ty: 'trade', cd: 'KRW-XRP', tms: 1_700_000_002_000, tp: 3000, tv: 5, ab: 'ASK', st: 'REALTIME' },
  { type: 'trade', code: 'KRW-NOT-LISTED', timestamp: 1_700_000_002_500, trade_price: 1, trade_volume: 1, ask_bid: 'ASK' },
];

describe('Replay mode', () => {
  let dir: string;
  let sim: RunningSimulator | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'upbit-sim-replay-'));
  });

  afterEach(async () => {
    await sim?.close();
    sim = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays recorded order books and trades from a JSONL file on the simulator clock', async () => {
    const file = join(dir, 'frames.jsonl');
    writeFileSync(file, RECORDED.map((f) => JSON.stringify(f)).join('\n'));
    const started = await startTestSimulator({ markets: ['KRW-XRP'], replay: { file }, rateLimits: false });
    sim = started.sim;
    const http = new SimHttpClient(sim);
    const ws = await SimWsClient.open(sim.wsUrl);
    ws.send([{ ticket: 'r' }, { type: 'trade', codes: ['KRW-XRP'] }]);
    ws.send('PING');
    await ws.next((f) => 'status' in f);

    started.clock.advance(500);
    const [book] = (await http.public('/orderbook?markets=KRW-XRP')).body as Json[];
    expect(book['orderbook_units']).toEqual([
      { ask_price: 3001, bid_price: 3000, ask_size: 100, bid_size: 100 },
      { ask_price: 3002, bid_price: 2999, ask_size: 200, bid_size: 200 },
    ]);

    started.clock.advance(2000);
    const ticks = (await http.public('/trades/ticks?market=KRW-XRP&count=10')).body as Json[];
    expect(ticks.map((t) => [t['trade_price'], t['trade_volume'], t['ask_bid']])).toEqual([
      [3000, 5, 'ASK'],
      [3001, 40, 'BID'],
    ]);
    expect(ticks[1]['timestamp']).toBe(T0 + 1000);
    const live = await ws.next((f) => f['type'] === 'trade' && f['trade_price'] === 3000);
    expect(live['stream_type']).toBe('REALTIME');
    const [after] = (await http.public('/orderbook?markets=KRW-XRP')).body as Json[];
    expect((after['orderbook_units'] as Json[])[0]).toEqual({ ask_price: 3001, bid_price: 3000, ask_size: 60, bid_size: 95 });
    ws.close();
  });

  it('fills a resting user order that a recorded trade sweeps through, in price-time priority', async () => {
    const sweep = [RECORDED[0], { type: 'trade', code: 'KRW-XRP', timestamp: 1_700_000_001_000, trade_price: 2999, trade_volume: 120, ask_bid: 'ASK' }];
    const started = await startTestSimulator({ markets: ['KRW-XRP'], replay: { frames: parseReplay(sweep.map((f) => JSON.stringify(f)).join('\n')) }, rateLimits: false });
    sim = started.sim;
    const http = new SimHttpClient(sim);
    started.clock.advance(500);
    const placed = (await http.post('/orders', { market: 'KRW-XRP', side: 'bid', volume: '5', price: '3000', ord_type: 'limit' })).body as Json;
    started.clock.advance(2000);
    const order = (await http.private('GET', '/order', `uuid=${String(placed['uuid'])}`)).body as Json;
    expect([order['state'], order['executed_volume']]).toEqual(['done', '5.0']);
    const ticks = (await http.public('/trades/ticks?market=KRW-XRP&count=10')).body as Json[];
    expect(ticks.map((t) => [t['trade_price'], t['trade_volume']])).toEqual([
      [2999, 15],
      [3000, 5],
      [3000, 100],
    ]);
  });

  it('names the line of a corrupt recording', () => {
    expect(() => parseReplay('{"type":"trade","code":"KRW-XRP","timestamp":1,"trade_price":1,"trade_volume":1,"ask_bid":"ASK"}\nnot json')).toThrow(
      ReplayFileError,
    );
    expect(() => parseReplay('{"type":"trade","code":"KRW-XRP","timestamp":1,"trade_price":"x","trade_volume":1,"ask_bid":"ASK"}')).toThrow(
      /line 1: trade_price/,
    );
  });
});
