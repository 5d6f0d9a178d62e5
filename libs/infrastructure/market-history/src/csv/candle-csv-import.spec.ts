import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMarketHistory } from '../store/sqlite-market-history';
import { CANDLE_CSV_HEADER } from './candle-csv-layout';
import { importCandleCsv } from './candle-csv-import';

const T = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('importing a candle CSV', () => {
  let dir: string;
  let store: SqliteMarketHistory;
  const write = (name: string, lines: readonly string[]): string => {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n'));
    return file;
  };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'candle-csv-'));
    store = await SqliteMarketHistory.open(join(dir, 'candles.sqlite'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports ISO-8601 and epoch-ms starts, keeping decimals exactly as written and gaps as gaps', async () => {
    const file = write('good.csv', [
      `\uFEFF${CANDLE_CSV_HEADER}`,
      'KRW-BTC,1m,2026-01-05T09:00:00Z,150000000,150010000,149990000,150005000.50,0.12345678,18518517.1234567890123',
      `KRW-BTC,1m,${T + 60_000},150005000.50,150005000.50,150000000,150000000,0.00000001,1.5`,
      'KRW-BTC,1m,2026-01-05T09:05:00.000+00:00,150000000,150000000,150000000,150000000,1,150000000',
      'KRW-ETH,5m,2026-01-05T09:00Z,5000000,5000000,5000000,5000000,2,10000000',
      '',
    ]);

    const summary = await importCandleCsv(file, store);

    expect(summary).toEqual({
      candles: 4,
      series: [
        { market: 'KRW-BTC', timeframe: '1m', candles: 3, first: T, last: T + 5 * 60_000 },
        { market: 'KRW-ETH', timeframe: '5m', candles: 1, first: T, last: T },
      ],
    });
    const btc = [...store.candles('KRW-BTC', '1m', T, T + 3_600_000)];
    expect(btc.map((c) => (c.start - T) / 60_000)).toEqual([0, 1, 5]);
    expect(btc[0]).toEqual({ market: 'KRW-BTC', timeframe: '1m', start: T, open: '150000000', high: '150010000', low: '149990000', close: '150005000.50', volume: '0.12345678', value: '18518517.1234567890123' });
    expect(btc[1]?.volume).toBe('0.00000001');
  });

  it.each([
    ['a wrong header', ['market,tf,start,open,high,low,close,volume,value'], 1, 'header'],
    ['a missing field', ['KRW-BTC,1m,2026-01-05T09:00:00Z,1,1,1,1,1'], 2, '(line)'],
    ['a bad market code', ['BTC_KRW,1m,2026-01-05T09:00:00Z,1,1,1,1,1,1'], 2, 'market'],
    ['an unknown timeframe', ['KRW-BTC,2m,2026-01-05T09:00:00Z,1,1,1,1,1,1'], 2, 'timeframe'],
    ['a local time without zone', ['KRW-BTC,1m,2026-01-05T09:00:00,1,1,1,1,1,1'], 2, 'start_utc'],
    ['a time in another zone', ['KRW-BTC,1m,2026-01-05T09:00:00+09:00,1,1,1,1,1,1'], 2, 'start_utc'],
    ['a date that does not exist', ['KRW-BTC,1m,2026-02-30T09:00:00Z,1,1,1,1,1,1'], 2, 'start_utc'],
    ['a start off the timeframe grid', ['KRW-BTC,5m,2026-01-05T09:03:00Z,1,1,1,1,1,1'], 2, 'start_utc'],
    ['a price with an exponent', ['KRW-BTC,1m,2026-01-05T09:00:00Z,1.5e8,1.5e8,1,1,1,1'], 2, 'open'],
    ['a negative volume', ['KRW-BTC,1m,2026-01-05T09:00:00Z,1,1,1,1,-1,1'], 2, 'volume'],
    ['a zero price', ['KRW-BTC,1m,2026-01-05T09:00:00Z,1,1,0,1,1,1'], 2, 'low'],
    ['low above high', ['KRW-BTC,1m,2026-01-05T09:00:00Z,2,2,3,2,1,1'], 2, 'low'],
    ['a close outside low..high', ['KRW-BTC,1m,2026-01-05T09:00:00Z,2,3,2,4,1,1'], 2, 'close'],
  ])('refuses %s, naming the line and field', async (_what, rows, line, field) => {
    const file = write('bad.csv', rows[0]?.startsWith('market,tf') ? rows : [CANDLE_CSV_HEADER, ...rows]);
    await expect(importCandleCsv(file, store)).rejects.toEqual(expect.objectContaining({ code: 'CSV_IMPORT_INVALID', line, field }));
  });

  it('imports nothing from a file with a bad row far down, and leaves what was stored before as it was', async () => {
    await importCandleCsv(write('first.csv', [CANDLE_CSV_HEADER, 'KRW-BTC,1m,2026-01-05T09:00:00Z,1,1,1,1,1,1']), store);
    const rows = [CANDLE_CSV_HEADER];
    for (let i = 0; i < 12_000; i += 1) rows.push(`KRW-BTC,1m,${T + i * 60_000},2,2,2,2,1,2`);
    rows.push('KRW-BTC,1m,not-a-time,2,2,2,2,1,2');
    const file = write('long.csv', rows);

    await expect(importCandleCsv(file, store)).rejects.toThrow(`${file} line 12002, field start_utc "not-a-time"`);

    expect(store.coverage()).toEqual([{ market: 'KRW-BTC', timeframe: '1m', count: 1, first: T, last: T }]);
    expect([...store.candles('KRW-BTC', '1m', T, T + 1)][0]?.close).toBe('1');
  });

  it('refuses a candle listed twice, naming both lines', async () => {
    const file = write('twice.csv', [CANDLE_CSV_HEADER, 'KRW-BTC,1m,2026-01-05T09:00:00Z,1,1,1,1,1,1', 'KRW-BTC,1m,2026-01-05T09:01:00Z,1,1,1,1,1,1', `KRW-BTC,1m,${T},1,1,1,1,1,1`]);

    await expect(importCandleCsv(file, store)).rejects.toThrow(/line 4, field start_utc .*already has this candle on line 2/);
    expect(store.coverage()).toEqual([]);
  });

  it('refuses an empty file', async () => {
    await expect(importCandleCsv(write('empty.csv', []), store)).rejects.toEqual(expect.objectContaining({ line: 1, field: 'header' }));
  });
});
