import type { RecordedTrade, StoredCandle } from '@trader/application';
import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMarketHistory } from './sqlite-market-history';

const T = Date.UTC(2026, 0, 5, 0, 0, 0);
const MIN = 60_000;

function candle(minute: number, overrides: Partial<StoredCandle> = {}): StoredCandle {
  return {
    market: 'KRW-BTC',
    timeframe: '1m',
    start: T + minute * MIN,
    open: '150000000',
    high: '150010000',
    low: '149990000',
    close: '150005000',
    volume: '0.12345678',
    value: '18518517.1234567890123',
    ...overrides,
  };
}

function trade(sequentialId: number, timestamp: number, overrides: Partial<RecordedTrade> = {}): RecordedTrade {
  return { market: 'KRW-BTC', sequentialId, timestamp, price: '150000000', volume: '0.0001', side: 'bid', ...overrides };
}

describe('SqliteMarketHistory', () => {
  let dir: string;
  let path: string;
  let store: SqliteMarketHistory;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'market-history-'));
    path = join(dir, 'nested', 'candles.sqlite');
    store = await SqliteMarketHistory.open(path);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back candles with every decimal exactly as saved, oldest first, within [from, to)', () => {
    const exact = candle(2, { open: '0.00000001', high: '123456789012.12345678', low: '0.00000001', close: '1.50', volume: '99999999999999999999.99999999', value: '0' });
    store.saveCandles([candle(3), exact, candle(1), candle(0)]);

    const read = [...store.candles('KRW-BTC', '1m', T + MIN, T + 3 * MIN)];

    expect(read).toEqual([candle(1), exact]);
    expect(read[1]?.close).toBe('1.50');
  });

  it('keeps gaps as gaps: minutes without a candle stay without one', () => {
    store.saveCandles([candle(0), candle(1), candle(4), candle(9)]);

    const starts = [...store.candles('KRW-BTC', '1m', T, T + 10 * MIN)].map((c) => (c.start - T) / MIN);

    expect(starts).toEqual([0, 1, 4, 9]);
  });

  it('keeps markets and timeframes apart, and replaces a candle saved again under the same key', () => {
    store.saveCandles([candle(0), candle(0, { market: 'KRW-ETH', close: '5000000' }), candle(0, { timeframe: '5m', close: '1' })]);
    store.saveCandles([candle(0, { close: '150000001' })]);

    expect([...store.candles('KRW-BTC', '1m', T, T + MIN)].map((c) => c.close)).toEqual(['150000001']);
    expect([...store.candles('KRW-ETH', '1m', T, T + MIN)].map((c) => c.close)).toEqual(['5000000']);
    expect([...store.candles('KRW-BTC', '5m', T, T + MIN)].map((c) => c.close)).toEqual(['1']);
  });

  it('records trades once by (market, sequential id) and reads them in time order', () => {
    store.recordTrades([trade(3, T + 2_000, { price: '150000000.5' }), trade(1, T), trade(2, T + 1_000, { side: 'ask', volume: '0.00000001' })]);
    store.recordTrades([trade(2, T + 1_000, { price: '1' }), trade(1, T, { market: 'KRW-ETH' })]);

    expect([...store.trades('KRW-BTC', T, T + 10_000)]).toEqual([trade(1, T), trade(2, T + 1_000, { side: 'ask', volume: '0.00000001' }), trade(3, T + 2_000, { price: '150000000.5' })]);
    expect([...store.trades('KRW-BTC', T + 1_000, T + 2_000)].map((t) => t.sequentialId)).toEqual([2]);
    expect([...store.trades('KRW-ETH', T, T + 10_000)]).toHaveLength(1);
  });

  it('reads two markets side by side across read pages, and takes a write between two items of a read', () => {
    const minutes = 10_000;
    const series = (market: string): StoredCandle[] => Array.from({ length: minutes }, (_, i) => candle(i, { market, close: String(1_000 + i) }));
    store.saveCandles([...series('KRW-BTC'), ...series('KRW-ETH')]);
    const btc = store.candles('KRW-BTC', '1m', T + MIN, T + minutes * MIN)[Symbol.iterator]();
    const eth = store.candles('KRW-ETH', '1m', T, T + minutes * MIN)[Symbol.iterator]();
    const read: Record<string, number[]> = { btc: [], eth: [] };

    for (let step = 0; ; step++) {
      const [a, b] = [btc.next(), eth.next()];
      if (a.done && b.done) break;
      if (!a.done) read.btc.push(Number(a.value.close));
      if (!b.done) read.eth.push(Number(b.value.close));
      if (step === 5_000) store.saveCandles([candle(minutes, { market: 'KRW-XRP' })]);
    }

    expect(read.btc).toEqual(Array.from({ length: minutes - 1 }, (_, i) => 1_001 + i));
    expect(read.eth).toEqual(Array.from({ length: minutes }, (_, i) => 1_000 + i));
  });

  it('pages through trades that share a timestamp without losing or repeating one', () => {
    // 3 trades per millisecond, sequence ids not in time order within the millisecond: pages end mid-millisecond.
    const trades = Array.from({ length: 9_000 }, (_, i) => trade(100_000 - i, T + Math.floor(i / 3)));
    store.recordTrades(trades);

    const read = [...store.trades('KRW-BTC', T, T + 10_000)];

    const expected = [...trades].sort((a, b) => a.timestamp - b.timestamp || a.sequentialId - b.sequentialId);
    expect(read.map((t) => t.sequentialId)).toEqual(expected.map((t) => t.sequentialId));
  });

  it('summarises what it holds per market and timeframe, recorded trades included', () => {
    store.saveCandles([candle(0), candle(7), candle(3, { market: 'KRW-ETH' })]);
    store.recordTrades([trade(5, T + 500), trade(6, T + 900)]);

    expect(store.coverage()).toEqual([
      { market: 'KRW-BTC', timeframe: '1m', count: 2, first: T, last: T + 7 * MIN },
      { market: 'KRW-ETH', timeframe: '1m', count: 1, first: T + 3 * MIN, last: T + 3 * MIN },
      { market: 'KRW-BTC', timeframe: 'trades', count: 2, first: T + 500, last: T + 900 },
    ]);
  });

  it('refuses a batch with a bad row, naming the field, and stores none of it', () => {
    expect(() => store.saveCandles([candle(0), candle(1, { high: '1.5e8' })])).toThrow(/high "1.5e8"/);
    expect(() => store.saveCandles([candle(0), candle(1, { timeframe: '2m' as StoredCandle['timeframe'] })])).toThrow(/timeframe "2m"/);
    expect(() => store.recordTrades([trade(1, T), trade(2, T, { side: 'buy' as RecordedTrade['side'] })])).toThrow(/side "buy"/);

    expect(store.coverage()).toEqual([]);
  });

  it('keeps what it saved across a reopen, and a read-only open refuses writes', async () => {
    store.saveCandles([candle(0)]);
    store.close();

    const reader = await SqliteMarketHistory.open(path, { readonly: true });
    try {
      expect([...reader.candles('KRW-BTC', '1m', T, T + MIN)]).toEqual([candle(0)]);
      expect(() => reader.saveCandles([candle(1)])).toThrow(/read-only/);
    } finally {
      reader.close();
    }
    // Matched by code: better-sqlite3's error class comes from whichever jest module registry loaded it first.
    await expect(SqliteMarketHistory.open(join(dir, 'missing.sqlite'), { readonly: true })).rejects.toMatchObject({ code: 'SQLITE_CANTOPEN' });
    store = await SqliteMarketHistory.open(path);
  });

  it('merges the spans downloads covered into one row per contiguous stretch', () => {
    store.saveDownloadedPage('KRW-BTC', '1m', [candle(8), candle(9)], { start: T + 8 * MIN, end: T + 10 * MIN });
    store.saveDownloadedPage('KRW-BTC', '1m', [candle(2)], { start: T, end: T + 4 * MIN });
    store.saveDownloadedPage('KRW-BTC', '1m', [], { start: T + 4 * MIN, end: T + 8 * MIN });
    store.saveDownloadedPage('KRW-BTC', '1m', [], { start: T + 20 * MIN, end: T + 30 * MIN });

    expect(store.downloadedSpans('KRW-BTC', '1m')).toEqual([
      { start: T, end: T + 10 * MIN },
      { start: T + 20 * MIN, end: T + 30 * MIN },
    ]);
    expect(store.downloadedSpans('KRW-BTC', '5m')).toEqual([]);
    expect([...store.candles('KRW-BTC', '1m', T, T + 30 * MIN)]).toHaveLength(3);
  });

  it('commits a transaction spanning awaits as one, and rolls all of it back when it throws', async () => {
    await expect(
      store.inTransaction(async () => {
        store.saveCandles([candle(0)]);
        await new Promise((resolve) => setImmediate(resolve));
        store.saveCandles([candle(1)]);
        throw new Error('bad row further down');
      }),
    ).rejects.toThrow('bad row further down');
    expect(store.coverage()).toEqual([]);

    await store.inTransaction(async () => {
      store.saveCandles([candle(0)]);
      await new Promise((resolve) => setImmediate(resolve));
      store.saveCandles([candle(1)]);
    });
    expect([...store.candles('KRW-BTC', '1m', T, T + 2 * MIN)]).toHaveLength(2);
  });

  it('refuses a file written by a newer schema', async () => {
    store.close();
    const raw = new Sqlite(path);
    raw.pragma('user_version = 99');
    raw.close();

    await expect(SqliteMarketHistory.open(path)).rejects.toThrow(/schema version 99/);
    store = await SqliteMarketHistory.open(join(dir, 'other.sqlite'));
  });

  it('stores candles in a WITHOUT ROWID table keyed (market, timeframe, start), prices as TEXT', () => {
    store.close();
    const raw = new Sqlite(path, { readonly: true });
    const sql = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'candles'").pluck().get() as string;
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(sql).toMatch(/open\s+TEXT/);
    expect(sql).toMatch(/PRIMARY KEY \(market, timeframe, start\)\s*\)\s*WITHOUT ROWID/);
  });
});
