import { TraderConfig } from '../../config/trader-config';
import { CliOutput, CliUsageError } from '../cli-output';
import { dataDownloadCommand } from './data-download.command';
import { dataImportCommand } from './data-import.command';
import { dataListCommand } from './data-list.command';

export const dataUsage = `  data download --markets KRW-BTC,KRW-ETH --timeframe 1m --from 2025-11-01 --to 2026-11-01 [--store FILE]
                                      fill the candle store from the exchange (resumable; Ctrl-C keeps what is saved)
  data list [--store FILE]            what the candle store holds
  data import --csv FILE [--store FILE]
                                      import candles from a CSV (docs/backtesting.md); all or nothing`;

/** `data download|list|import`: the local candle store (data/candles.sqlite by default). Returns the exit code. */
export async function dataCommand(config: TraderConfig, args: readonly string[], output: CliOutput, signal: AbortSignal): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'download':
      return dataDownloadCommand(config, rest, output, signal);
    case 'list':
      await dataListCommand(rest, output);
      return 0;
    case 'import':
      await dataImportCommand(rest, output);
      return 0;
    default:
      throw new CliUsageError(`usage:\n${dataUsage}`);
  }
}
