import { TIMEFRAME_MS } from '@trader/application';
import type { HistoryCoverage } from '@trader/application';
import type { Timeframe } from '@trader/domain';
import { defaultCandleStorePath, SqliteMarketHistory } from '@trader/market-history';
import { access } from 'node:fs/promises';
import { CliOutput } from '../cli-output';
import { readFlags } from './data-flags';

/**
 * `data list [--store FILE]`: a table of what the store holds, per market and timeframe: candles,
 * first and last start, intervals between them without a candle (gaps: no trade, or not downloaded),
 * and recorded trades.
 */
export async function dataListCommand(args: readonly string[], output: CliOutput): Promise<void> {
  const flags = readFlags('data list', args, ['store']);
  const storePath = flags.get('store') ?? defaultCandleStorePath;
  if (!(await access(storePath).then(() => true, () => false))) {
    output.out(`${storePath} holds no data yet: \`trader data download\` or \`trader data import\` fill it`);
    return;
  }
  const store = await SqliteMarketHistory.open(storePath, { readonly: true });
  try {
    const rows = store.coverage();
    if (rows.length === 0) {
      output.out(`${storePath} holds no data yet`);
      return;
    }
    output.err(storePath);
    for (const line of coverageTable(rows)) output.out(line);
  } finally {
    store.close();
  }
}

export function coverageTable(rows: readonly HistoryCoverage[]): string[] {
  const table = [
    ['MARKET', 'TIMEFRAME', 'COUNT', 'FIRST (UTC)', 'LAST (UTC)', 'EMPTY INTERVALS'],
    ...rows.map((row) => [row.market, row.timeframe, String(row.count), time(row.first), time(row.last), emptyIntervals(row)]),
  ];
  const widths = table[0]?.map((_, column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0))) ?? [];
  return table.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** Intervals between the first and last candle that have none: no trade there, or never downloaded. */
function emptyIntervals(row: HistoryCoverage): string {
  if (row.timeframe === 'trades') return '-';
  const length = TIMEFRAME_MS[row.timeframe as Timeframe];
  return String((row.last - row.first) / length + 1 - row.count);
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z').replace('T', ' ');
}
