import type { StoredCandle } from '@trader/application';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SqliteMarketHistory } from '../store/sqlite-market-history';
import { CANDLE_CSV_HEADER, CsvFieldError, parseCandleCsvLine } from './candle-csv-layout';
import { CsvImportError } from './csv-import.errors';

export interface CsvImportSeries {
  readonly market: string;
  readonly timeframe: string;
  readonly candles: number;
  readonly first: number;
  readonly last: number;
}

export interface CsvImportSummary {
  readonly candles: number;
  readonly series: readonly CsvImportSeries[];
}

/** Rows written per batch inside the import's one transaction. */
const BATCH = 5_000;

/**
 * Imports a candle CSV (layout in docs/backtesting.md) into `store`, replacing stored candles with
 * the same key. The file is read line by line and written in batches inside ONE transaction, so a bad
 * row anywhere (named by line and field) rolls everything back: nothing of the file is stored. A key
 * twice in the file is a bad row too.
 */
export async function importCandleCsv(file: string, store: SqliteMarketHistory): Promise<CsvImportSummary> {
  const series = new Map<string, { market: string; timeframe: string; candles: number; first: number; last: number; lines: Map<number, number> }>();
  let total = 0;
  await store.inTransaction(async () => {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let lineNumber = 0;
    let batch: StoredCandle[] = [];
    for await (const raw of lines) {
      lineNumber += 1;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '').trim() : raw.trim();
      if (lineNumber === 1) {
        if (line !== CANDLE_CSV_HEADER) throw new CsvImportError(file, 1, 'header', line, `expected exactly ${CANDLE_CSV_HEADER}`);
        continue;
      }
      if (line === '') continue;
      const candle = parseCandleCsvLine(line);
      if (candle instanceof CsvFieldError) throw new CsvImportError(file, lineNumber, candle.field, candle.value, candle.reason);
      const key = `${candle.market} ${candle.timeframe}`;
      let entry = series.get(key);
      if (!entry) {
        entry = { market: candle.market, timeframe: candle.timeframe, candles: 0, first: candle.start, last: candle.start, lines: new Map() };
        series.set(key, entry);
      }
      const earlier = entry.lines.get(candle.start);
      if (earlier !== undefined) throw new CsvImportError(file, lineNumber, 'start_utc', line.split(',')[2]?.trim() ?? '', `${key} already has this candle on line ${earlier}`);
      entry.lines.set(candle.start, lineNumber);
      entry.candles += 1;
      entry.first = Math.min(entry.first, candle.start);
      entry.last = Math.max(entry.last, candle.start);
      total += 1;
      batch.push(candle);
      if (batch.length >= BATCH) {
        store.saveCandles(batch);
        batch = [];
      }
    }
    if (lineNumber === 0) throw new CsvImportError(file, 1, 'header', '', `the file is empty; expected ${CANDLE_CSV_HEADER}`);
    store.saveCandles(batch);
  });
  return { candles: total, series: [...series.values()].map(({ lines: _lines, ...rest }) => rest) };
}
