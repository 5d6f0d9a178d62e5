import { ManualSimClock } from '../clock/sim-clock';
import { RunningSimulator } from '../simulator';
import { SimHttpClient } from '../test-support/sim-client';
import { T0, startTestSimulator } from '../test-support/test-simulator';

type Json = Record<string, unknown>;

describe('Quotation API over HTTP', () => {
  let sim: RunningSimulator;
  let http: SimHttpClient;
  let clock: ManualSimClock;

  beforeAll(async () => {
    ({ sim, clock } = await startTestSimulator({ rateLimits: false, warmup: { steps: 300, stepMs: 60_000 } }));
    http = new SimHttpClient(sim);
    // 20 market ticks after the warm-up: every market has traded in the current minute and day.
    clock.advance(10_000);
  });

  afterAll(() => sim.close());

  it('lists markets, with market events when isDetails=true', async () => {
    const plain = await http.public('/market/all');
    expect(plain.body).toEqual([
      { market: 'KRW-BTC', korean_name: '비트코인', english_name: 'Bitcoin' },
      { market: 'KRW-ETH', korean_name: '이더리움', english_name: 'Ethereum' },
      { market: 'KRW-XRP', korean_name: '리플', english_name: 'XRP' },
    ]);
    const detailed = (await http.public('/market/all?isDetails=true')).body as Json[];
    expect(detailed[0]).toMatchObject({ market_warning: 'NONE', market_event: { warning: false, caution: { PRICE_FLUCTUATIONS: false } } });
  });

  it('serves minute candles newest first, with numbers as JSON numbers, and pages with to/count', async () => {
    const page1 = (await http.public('/candles/minutes/1?market=KRW-BTC&count=200')).body as Json[];
    expect(page1).toHaveLength(200);
    const first = page1[0];
    expect(Object.keys(first)).toEqual([
      'market',
      'candle_date_time_utc',
      'candle_date_time_kst',
      'opening_price',
      'high_price',
      'low_price',
      'trade_price',
      'timestamp',
      'candle_acc_trade_price',
      'candle_acc_trade_volume',
      'unit',
    ]);
    expect(typeof first['trade_price']).toBe('number');
    expect(first['candle_date_time_utc']).toBe('2026-01-05T00:00:00');
    expect(first['candle_date_time_kst']).toBe('2026-01-05T09:00:00');
    const starts = page1.map((c) => Date.parse(`${String(c['candle_date_time_utc'])}Z`));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));

    const oldest = String(page1[199]['candle_date_time_utc']);
    // The history goes on before the live tape: the next page is full, and every candle is older.
    const page2 = (await http.public(`/candles/minutes/1?market=KRW-BTC&count=200&to=${oldest}Z`)).body as Json[];
    expect(page2).toHaveLength(200);
    expect(page2.every((c) => Date.parse(`${String(c['candle_date_time_utc'])}Z`) < Date.parse(`${oldest}Z`))).toBe(true);
    const kstTo = (await http.public(`/candles/minutes/1?market=KRW-BTC&count=1&to=2026-01-05T08:59:00%2B09:00`)).body as Json[];
    expect(Date.parse(`${String(kstTo[0]['candle_date_time_utc'])}Z`)).toBeLessThan(Date.parse('2026-01-04T23:59:00Z'));
  });

  it('aggregates the same trades into every period: 5-minute, day, week, month, second candles agree', async () => {
    const ones = ((await http.public('/candles/minutes/1?market=KRW-ETH&count=5&to=2026-01-05T00:00:00Z')).body as Json[]).filter(
      (c) => String(c['candle_date_time_utc']) >= '2026-01-04T23:55:00',
    );
    const five = ((await http.public('/candles/minutes/5?market=KRW-ETH&count=1&to=2026-01-05T00:00:00Z')).body as Json[])[0];
    expect(five['unit']).toBe(5);
    expect(five['high_price']).toBe(Math.max(...ones.map((c) => c['high_price'] as number)));
    expect(five['opening_price']).toBe(ones[ones.length - 1]['opening_price']);
    expect(five['candle_acc_trade_volume']).toBeCloseTo(ones.reduce((sum, c) => sum + (c['candle_acc_trade_volume'] as number), 0), 6);
    expect(five['trade_price']).toBe(ones[0]['trade_price']);

    const days = (await http.public('/candles/days?market=KRW-ETH&count=2')).body as Json[];
    expect(days.map((d) => d['candle_date_time_utc'])).toEqual(['2026-01-05T00:00:00', '2026-01-04T00:00:00']);
    expect(days[0]['prev_closing_price']).toBe(days[1]['trade_price']);
    expect(days[0]['change_price']).toBeCloseTo((days[0]['trade_price'] as number) - (days[1]['trade_price'] as number), 6);
    const week = ((await http.public('/candles/weeks?market=KRW-ETH')).body as Json[])[0];
    expect(week['first_day_of_period']).toBe('2026-01-05');
    const weekBefore = ((await http.public('/candles/weeks?market=KRW-ETH&to=2026-01-05T00:00:00Z')).body as Json[])[0];
    expect(weekBefore['first_day_of_period']).toBe('2025-12-29');
    const month = ((await http.public('/candles/months?market=KRW-ETH')).body as Json[])[0];
    expect(month['first_day_of_period']).toBe('2026-01-01');
    const year = ((await http.public('/candles/years?market=KRW-ETH')).body as Json[])[0];
    const daysOfYear = ((await http.public('/candles/days?market=KRW-ETH&count=200')).body as Json[]).filter((d) => String(d['candle_date_time_utc']) >= '2026-01-01');
    expect(year['first_day_of_period']).toBe('2026-01-01');
    expect(daysOfYear).toHaveLength(5);
    expect(year['high_price']).toBe(Math.max(...daysOfYear.map((d) => d['high_price'] as number)));
    expect(year['low_price']).toBe(Math.min(...daysOfYear.map((d) => d['low_price'] as number)));
    expect(year['opening_price']).toBe(daysOfYear[daysOfYear.length - 1]['opening_price']);
    const seconds = (await http.public('/candles/seconds?market=KRW-ETH&count=3')).body as Json[];
    expect(seconds[0]).not.toHaveProperty('unit');
    expect(Date.parse(`${String(seconds[0]['candle_date_time_utc'])}Z`)).toBeGreaterThan(T0);
  });

  it('serves recent trades newest first with sequential ids, and pages with cursor', async () => {
    const ticks = (await http.public('/trades/ticks?market=KRW-XRP&count=5')).body as Json[];
    expect(ticks).toHaveLength(5);
    expect(Object.keys(ticks[0])).toEqual([
      'market',
      'trade_date_utc',
      'trade_time_utc',
      'timestamp',
      'trade_price',
      'trade_volume',
      'prev_closing_price',
      'change_price',
      'ask_bid',
      'sequential_id',
    ]);
    const ids = ticks.map((t) => t['sequential_id'] as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const next = (await http.public(`/trades/ticks?market=KRW-XRP&count=2&cursor=${ids[4]}`)).body as Json[];
    expect(next.every((t) => (t['sequential_id'] as number) < ids[4])).toBe(true);
  });

  it('serves tickers consistent with the last trade and the day candle', async () => {
    const [ticker] = (await http.public('/ticker?markets=KRW-XRP')).body as Json[];
    const [lastTrade] = (await http.public('/trades/ticks?market=KRW-XRP&count=1')).body as Json[];
    const [day] = (await http.public('/candles/days?market=KRW-XRP')).body as Json[];
    expect(ticker['trade_price']).toBe(lastTrade['trade_price']);
    expect(ticker['trade_timestamp']).toBe(lastTrade['timestamp']);
    expect([ticker['opening_price'], ticker['high_price'], ticker['low_price']]).toEqual([day['opening_price'], day['high_price'], day['low_price']]);
    expect(ticker['acc_trade_volume']).toBe(day['candle_acc_trade_volume']);
    expect(['RISE', 'EVEN', 'FALL']).toContain(ticker['change']);
    expect(ticker['trade_date']).toBe('20260105');
    const all = (await http.public('/ticker/all?quote_currencies=KRW')).body as Json[];
    expect(all.map((t) => t['market'])).toEqual(['KRW-BTC', 'KRW-ETH', 'KRW-XRP']);
  });

  it('serves the order book with up to 30 units, count, and level grouping', async () => {
    const [book] = (await http.public('/orderbook?markets=KRW-BTC')).body as Json[];
    const units = book['orderbook_units'] as Json[];
    expect(units).toHaveLength(30);
    expect(units[0]['ask_price'] as number).toBeGreaterThan(units[0]['bid_price'] as number);
    expect(book['total_ask_size']).toBeCloseTo(units.reduce((s, u) => s + (u['ask_size'] as number), 0), 6);
    expect(book['level']).toBe(0);
    const [small] = (await http.public('/orderbook?markets=KRW-BTC&count=5')).body as Json[];
    expect(small['orderbook_units'] as Json[]).toHaveLength(5);
    const [grouped] = (await http.public('/orderbook?markets=KRW-BTC&level=100000')).body as Json[];
    const prices = (grouped['orderbook_units'] as Json[]).map((u) => u['ask_price'] as number);
    expect(prices.every((p) => p % 100000 === 0)).toBe(true);
    const [unsupported] = (await http.public('/orderbook?markets=KRW-BTC&level=7')).body as Json[];
    expect(unsupported['orderbook_units']).toEqual([]);
    const [instrument] = (await http.public('/orderbook/instruments?markets=KRW-XRP')).body as Json[];
    expect(instrument).toMatchObject({ market: 'KRW-XRP', quote_currency: 'KRW', tick_size: '1' });
  });

  it('answers unknown markets with 404 "Code not found" and missing parameters with 400, like Upbit', async () => {
    const unknown = await http.public('/ticker?markets=KRW-NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { name: 404, message: 'Code not found' } });
    const missing = await http.public('/candles/minutes/1');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: { name: 400, message: 'Missing request parameter error. Check the required parameters!' } });
    expect((await http.public('/candles/minutes/2?market=KRW-BTC')).status).toBe(400);
    expect((await http.public('/candles/minutes/1?market=KRW-BTC&count=201')).status).toBe(400);
  });

  it('takes every timestamp from the simulator clock', async () => {
    const [book] = (await http.public('/orderbook?markets=KRW-XRP')).body as Json[];
    expect(book['timestamp']).toBe(T0 + 10_000);
  });
});
