import { ManualSimClock } from '../clock/sim-clock';
import { RunningSimulator, startSimulator } from '../simulator';
import { SimHttpClient } from '../test-support/sim-client';

type Json = Record<string, unknown>;

const START = Date.UTC(2026, 10, 30, 12, 0, 20);
const utc = (c: Json): number => Date.parse(`${String(c['candle_date_time_utc'])}Z`);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

async function withSimulator<T>(options: { seed: number; start?: number; markets?: string[] }, body: (http: SimHttpClient, sim: RunningSimulator, clock: ManualSimClock) => Promise<T>): Promise<T> {
  const clock = new ManualSimClock(options.start ?? START);
  const sim = await startSimulator({ seed: options.seed, clock, rateLimits: false, markets: options.markets ?? ['KRW-BTC', 'KRW-ETH'] });
  try {
    return await body(new SimHttpClient(sim), sim, clock);
  } finally {
    await sim.close();
  }
}

/** Pages 1-minute candles backwards from `to` down to `from`, `count` at a time, as a downloader does. */
async function page(http: SimHttpClient, market: string, from: number, to: number, count: number): Promise<Json[]> {
  const all: Json[] = [];
  let cursor = to;
  while (cursor > from) {
    const batch = (await http.public(`/candles/minutes/1?market=${market}&count=${count}&to=${iso(cursor)}Z`)).body as Json[];
    if (batch.length === 0) break;
    all.push(...batch.filter((c) => utc(c) >= from));
    cursor = utc(batch[batch.length - 1]);
  }
  return all;
}

// Days of minute paths are computed on demand; a loaded CI machine needs more than jest's 5 s default.
jest.setTimeout(60_000);

describe('History: deterministic candles for any past range', () => {
  const from = Date.UTC(2025, 10, 1, 0, 0);
  const to = Date.UTC(2025, 10, 1, 12, 0);

  it('serves the same candles for the same seed whatever the order and size of the requests, and whenever the simulator started', async () => {
    const forward = await withSimulator({ seed: 5 }, (http) => page(http, 'KRW-ETH', from, to, 200));
    const otherWay = await withSimulator({ seed: 5, start: Date.UTC(2026, 6, 1, 3, 0, 0) }, async (http) => {
      // Something else first, then the range in odd-sized pages from a later cursor.
      await http.public(`/candles/days?market=KRW-ETH&count=50&to=2026-02-01T00:00:00Z`);
      return (await page(http, 'KRW-ETH', from, to + 3_600_000, 37)).filter((c) => utc(c) < to);
    });
    expect(forward).toHaveLength(720);
    expect(JSON.stringify(otherWay)).toBe(JSON.stringify(forward));
    const otherSeed = await withSimulator({ seed: 6 }, (http) => page(http, 'KRW-ETH', from, to, 200));
    expect(otherSeed.map((c) => c['trade_price'])).not.toEqual(forward.map((c) => c['trade_price']));
  });

  it('aggregates the same minutes into every period: a day candle is its minutes, exactly', async () => {
    await withSimulator({ seed: 5 }, async (http) => {
      const dayStart = Date.UTC(2025, 10, 2);
      const minutes = (await page(http, 'KRW-BTC', dayStart, dayStart + 86_400_000, 200)).reverse();
      const [day] = (await http.public(`/candles/days?market=KRW-BTC&count=1&to=${iso(dayStart + 86_400_000)}Z`)).body as Json[];
      expect(day['candle_date_time_utc']).toBe('2025-11-02T00:00:00');
      expect(day['opening_price']).toBe(minutes[0]['opening_price']);
      expect(day['trade_price']).toBe(minutes[minutes.length - 1]['trade_price']);
      expect(day['high_price']).toBe(Math.max(...minutes.map((c) => c['high_price'] as number)));
      expect(day['low_price']).toBe(Math.min(...minutes.map((c) => c['low_price'] as number)));
      const volume = minutes.reduce((sum, c) => sum + BigInt(Math.round((c['candle_acc_trade_volume'] as number) * 1e8)), 0n);
      expect(BigInt(Math.round((day['candle_acc_trade_volume'] as number) * 1e8))).toBe(volume);
      const [previous] = (await http.public(`/candles/days?market=KRW-BTC&count=1&to=${iso(dayStart)}Z`)).body as Json[];
      expect(day['prev_closing_price']).toBe(previous['trade_price']);
    });
  });

  it('continues into the live tape: the live market opens at the history close and no minute is missing', async () => {
    await withSimulator({ seed: 5 }, async (http, _sim, clock) => {
      clock.advance(5 * 60_000);
      const candles = ((await http.public('/candles/minutes/1?market=KRW-BTC&count=20')).body as Json[]).reverse();
      const starts = candles.map(utc);
      expect(starts.slice(1).map((s, i) => s - starts[i])).toEqual(new Array(19).fill(60_000));
      const liveFrom = Math.floor(START / 60_000) * 60_000;
      const boundary = starts.indexOf(liveFrom);
      expect(boundary).toBeGreaterThan(0);
      const lastHistoryClose = candles[boundary - 1]['trade_price'] as number;
      const firstLiveOpen = candles[boundary]['opening_price'] as number;
      expect(Math.abs(firstLiveOpen / lastHistoryClose - 1)).toBeLessThan(0.002);
      // The day candle and the ticker include the history's part of the day.
      const [day] = (await http.public('/candles/days?market=KRW-BTC&count=1')).body as Json[];
      const [ticker] = (await http.public('/ticker?markets=KRW-BTC')).body as Json[];
      expect(day['candle_acc_trade_volume']).toBe(ticker['acc_trade_volume']);
      expect(day['opening_price']).toBe(ticker['opening_price']);
      expect(ticker['acc_trade_price_24h'] as number).toBeGreaterThan(ticker['acc_trade_price'] as number);
    });
  });

  it('serves enough for any indicator at once: 200 candles of every minute unit and of days right after start', async () => {
    await withSimulator({ seed: 5 }, async (http) => {
      for (const unit of [1, 5, 15, 60, 240]) {
        const candles = (await http.public(`/candles/minutes/${unit}?market=KRW-BTC&count=200`)).body as Json[];
        expect(candles).toHaveLength(200);
        expect(candles[199]['unit']).toBe(unit);
      }
      expect((await http.public('/candles/days?market=KRW-ETH&count=200')).body as Json[]).toHaveLength(200);
    });
  });

  it('has nothing before Upbit opened (2017-10-24), as Upbit has nothing', async () => {
    await withSimulator({ seed: 5 }, async (http) => {
      const before = (await http.public('/candles/minutes/1?market=KRW-BTC&count=5&to=2017-10-24T00:00:00Z')).body as Json[];
      const first = (await http.public('/candles/days?market=KRW-BTC&count=2&to=2017-10-25T00:00:00Z')).body as Json[];
      expect(before).toEqual([]);
      expect(first.map((c) => c['candle_date_time_utc'])).toEqual(['2017-10-24T00:00:00']);
    });
  });
});
