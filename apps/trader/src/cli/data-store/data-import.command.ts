import { defaultCandleStorePath, importCandleCsv, SqliteMarketHistory } from '@trader/market-history';
import { access } from 'node:fs/promises';
import { CliOutput, CliUsageError } from '../cli-output';
import { readFlags, requiredFlag } from './data-flags';

/**
 * `data import --csv FILE [--store FILE]`: imports a candle CSV (layout in docs/backtesting.md) in one
 * transaction: a bad row is reported by line and field and nothing of the file is stored.
 */
export async function dataImportCommand(args: readonly string[], output: CliOutput): Promise<void> {
  const flags = readFlags('data import', args, ['csv', 'store']);
  const csv = requiredFlag('data import', flags, 'csv', 'candles.csv');
  const storePath = flags.get('store') ?? defaultCandleStorePath;
  if (!(await access(csv).then(() => true, () => false))) throw new CliUsageError(`--csv: no file at ${csv}`);
  const store = await SqliteMarketHistory.open(storePath);
  try {
    const summary = await importCandleCsv(csv, store);
    for (const series of summary.series) output.out(`${series.market} ${series.timeframe}: ${series.candles} candle(s), ${iso(series.first)} to ${iso(series.last)}`);
    output.err(`imported ${summary.candles} candle(s) from ${csv} into ${storePath}`);
  } finally {
    store.close();
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
