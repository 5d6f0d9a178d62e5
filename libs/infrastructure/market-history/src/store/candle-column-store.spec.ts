import type { CandleColumns, StoredCandle } from '@trader/application';
import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLUMN_PAGE_CANDLES } from './candle-column-page';
import { CorruptCandleColumnsError } from './market-history.errors';
import { SqliteMarketHistory } from './sqlite-market-history';

const MIN = 60_000;
const PAGE_MS = COLUMN_PAGE_CANDLES * MIN;
// Two candles before a page boundary and the rest after it.
const T = Math.ceil(Date.UTC(2026, 0, 5) / PAGE_MS) * PAGE_MS - 2 * MIN;

function candle(minute: number, overrides: Partial<StoredCandle> = {}): StoredCandle {
  const price = 150_000_000 + minute * 1_000;
  return {
    market: 'KRW-BTC',
    timeframe: '1m',
    start: T + minute * MIN,
    open: String(price),
    high: String(price + 5_000),
    low: String(price - 3_000),
    close: String(price + 1_000),
    volume: '0.12345678',
    value: '18518517.1234',
    ...overrides,
  };
}

/** The columns' rows as candles' numbers and exact price texts, whatever the pages. */
function rowsOf(pages: Iterable<CandleColumns>): Array<{ start: number; open: string; high: string; low: string; close: string; volume: number }> {
  const rows = [];
  for (const page of pages) {
    for (let i = 0; i < page.count; i++) {
      const text = (field: 'open' | 'high' | 'low' | 'close'): string => (page.texts ? (page.texts[field][i] as string) : String(page[field][i]));
      rows.push({ start: page.start[i] as number, open: text('open'), high: text('high'), low: text('low'), close: text('close'), volume: page.volume[i] as number });
    }
  }
  return rows;
}

function expected(candles: StoredCandle[]): ReturnType<typeof rowsOf> {
  return candles.map((c) => ({ start: c.start, open: c.open, high: c.high, low: c.low, close: c.close, volume: Number(c.volume) }));
}

describe('SqliteMarketHistory candle columns', () => {
  let dir: string;
  let path: string;
  let store: SqliteMarketHistory;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'candle-columns-'));
    path = join(dir, 'candles.sqlite');
    store = await SqliteMarketHistory.open(path);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the candles of [from, to) across a page boundary as numbers whose text is the stored price', () => {
    const candles = Array.from({ length: 6 }, (_, m) => candle(m));
    store.saveCandles(candles);

    const pages = [...store.candleColumns('KRW-BTC', '1m', T + MIN, T + 5 * MIN)];

    expect(pages.map((p) => p.count)).toEqual([1, 3]);
    expect(pages.every((p) => p.texts === null)).toBe(true);
    expect(rowsOf(pages)).toEqual(expected(candles.slice(1, 5)));
  });

  it('keeps the texts of a page holding a price its number does not print back as', () => {
    const odd = candle(3, { close: '150004000.50', low: '0.0000001' });
    store.saveCandles([candle(2), odd, candle(4)]);

    const [page] = [...store.candleColumns('KRW-BTC', '1m', T + 2 * MIN, T + 5 * MIN)];

    expect(page?.texts).not.toBeNull();
    expect(page?.close[1]).toBe(150004000.5);
    expect(rowsOf([page as CandleColumns])).toEqual(expected([candle(2), odd, candle(4)]));
  });

  it('follows every write: a replaced candle, a downloaded page, in the same transaction', async () => {
    store.saveCandles([candle(2), candle(3)]);
    store.saveCandles([candle(3, { close: '150009000' })]);
    store.saveDownloadedPage('KRW-BTC', '1m', [candle(4)], { start: T + 4 * MIN, end: T + 5 * MIN });
    await expect(
      store.inTransaction(async () => {
        store.saveCandles([candle(5)]);
        throw new Error('import failed');
      }),
    ).rejects.toThrow('import failed');

    expect(rowsOf(store.candleColumns('KRW-BTC', '1m', T, T + 10 * MIN))).toEqual(expected([candle(2), candle(3, { close: '150009000' }), candle(4)]));
  });

  it('matches the candle rows after any sequence of writes: downloads, overwrites, a start written twice, odd texts', () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor(seed / 65_536) % n;
    };
    const minutes = COLUMN_PAGE_CANDLES + 300;
    for (let write = 0; write < 60; write++) {
      const first = next(minutes);
      const batch = Array.from({ length: 1 + next(250) }, (_, k) => candle((first + k) % minutes, { close: String(150_000_000 + next(900) * 1_000), volume: String(next(1_000) / 100) }));
      // Now and then a price that keeps its text, and a batch that writes one start twice (the last wins).
      if (write % 15 === 14) batch.push(candle(first, { close: '150001000.0' }));
      if (write % 4 === 1) batch.push(candle(first, { close: String(150_000_000 + next(900) * 1_000) }));
      if (next(2) === 0) store.saveCandles(batch);
      else store.saveDownloadedPage('KRW-BTC', '1m', batch, { start: T, end: T + minutes * MIN });
      const rows = [...store.candles('KRW-BTC', '1m', T, T + minutes * MIN)];
      expect(rowsOf(store.candleColumns('KRW-BTC', '1m', T, T + minutes * MIN))).toEqual(expected(rows));
    }
  });

  it('builds the columns of a schema v1 file when it is opened for writing, and in memory when read-only', async () => {
    const candles = Array.from({ length: 5 }, (_, m) => candle(m));
    store.saveCandles(candles);
    store.close();
    const raw = new Sqlite(path);
    raw.exec('DROP TABLE candle_columns');
    raw.pragma('user_version = 1');
    raw.close();

    const readonly = await SqliteMarketHistory.open(path, { readonly: true });
    expect(rowsOf(readonly.candleColumns('KRW-BTC', '1m', T, T + 5 * MIN))).toEqual(expected(candles));
    readonly.close();
    store = await SqliteMarketHistory.open(path);

    const stored = new Sqlite(path, { readonly: true });
    expect(stored.pragma('user_version', { simple: true })).toBe(2);
    expect(stored.prepare('SELECT SUM(count) FROM candle_columns').pluck().get()).toBe(5);
    stored.close();
    expect(rowsOf(store.candleColumns('KRW-BTC', '1m', T, T + 5 * MIN))).toEqual(expected(candles));
  });

  it('refuses a page whose blob does not hold its count of candles', () => {
    store.saveCandles([candle(2), candle(3)]);
    const raw = new Sqlite(path);
    raw.prepare('UPDATE candle_columns SET count = count + 1').run();
    raw.close();

    expect(() => [...store.candleColumns('KRW-BTC', '1m', T, T + 5 * MIN)]).toThrow(CorruptCandleColumnsError);
  });
});
