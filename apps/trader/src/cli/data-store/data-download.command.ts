import { CandleDownloader, defaultCandleStorePath, SqliteMarketHistory } from '@trader/market-history';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import type { KernelComponent } from '@trader/runtime';
import { createUpbitClient } from '@trader/upbit';
import { exchangeEndpoints } from '../../bootstrap/exchange-endpoints.bootstrap';
import { TraderConfig } from '../../config/trader-config';
import { CliOutput, CliUsageError } from '../cli-output';
import { marketsFlag, readFlags, requiredFlag, timeFlag, timeframeFlag } from './data-flags';
import { ThrottledStatusLine } from '../throttled-status-line';
import { progressLine } from './data-progress';

const COMMAND = 'data download';

/** Exit code of a download stopped by Ctrl-C (128 + SIGINT): what was saved stays. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * `data download --markets KRW-BTC,KRW-ETH --timeframe 1m --from 2025-11-01 --to 2026-11-01 [--store FILE]`:
 * fills the candle store from the configured exchange (paper mode without URLs: the in-process
 * simulator, started here as `start` starts it; live mode: Upbit), through our Upbit client and its
 * rate limiter. A rerun resumes: only what no earlier run saved is fetched. Returns the exit code.
 */
export async function dataDownloadCommand(config: TraderConfig, args: readonly string[], output: CliOutput, signal: AbortSignal): Promise<number> {
  const flags = readFlags(COMMAND, args, ['markets', 'timeframe', 'from', 'to', 'store']);
  const markets = marketsFlag(requiredFlag(COMMAND, flags, 'markets', 'KRW-BTC,KRW-ETH'));
  const timeframe = timeframeFlag(requiredFlag(COMMAND, flags, 'timeframe', '1m'));
  const from = timeFlag('from', requiredFlag(COMMAND, flags, 'from', '2025-11-01'));
  const to = timeFlag('to', requiredFlag(COMMAND, flags, 'to', '2026-11-01'));
  if (from >= to) throw new CliUsageError(`--from (${iso(from)}) must be before --to (${iso(to)})`);
  const storePath = flags.get('store') ?? defaultCandleStorePath;

  // The in-process simulator lists the configured markets; it must list the ones asked for too.
  const endpoints = await exchangeEndpoints({ ...config, markets: [...new Set([...config.markets, ...markets])] });
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  // Public candles need no keys; the streams are not started.
  const client = createUpbitClient({ clock, tasks }, { restUrl: endpoints.restUrl, publicWsUrl: endpoints.wsUrl });
  const components: readonly KernelComponent[] = [client.transport, client.limiter, client.rest];
  let store: SqliteMarketHistory | undefined;
  try {
    for (const component of components) await component.start();
    store = await SqliteMarketHistory.open(storePath);
    const source = endpoints.simulator ? `the in-process simulator (${config.mode} mode)` : endpoints.restUrl;
    output.err(`downloading ${timeframe} candles of ${markets.join(', ')} from ${iso(from)} to ${iso(to)} from ${source} into ${storePath}`);
    const view = new ThrottledStatusLine(output, () => clock.now());
    const summary = await new CandleDownloader(client.queries, store, clock)
      .download({ markets, timeframe, from, to }, { signal, onProgress: (p) => view.show(progressLine(p)) })
      .catch((error: unknown) => {
        view.finish();
        output.err(`the download stopped; every page saved so far stays in ${storePath}: run the same command again to resume`);
        throw error;
      });
    view.finish();
    for (const market of summary.markets) {
      const skipped = market.skippedMs > 0 ? `, ${duration(market.skippedMs)} already stored before` : '';
      output.out(`${market.market} ${timeframe}: ${market.candles} candle(s) saved${skipped}`);
    }
    if (!summary.completed) {
      output.err(`interrupted after ${summary.candles} candle(s); they stay in ${storePath}: run the same command again to resume`);
      return INTERRUPTED_EXIT_CODE;
    }
    const cut = summary.to < to ? ` (the range ends at ${iso(summary.to)}: later candles are not closed yet)` : '';
    output.err(`done: ${summary.candles} candle(s) in ${summary.pages} page(s), ${summary.pageRetries} page(s) asked again${cut}`);
    return 0;
  } finally {
    store?.close();
    for (const component of [...components].reverse()) await component.stop();
    await tasks.shutdown(1_000);
    await endpoints.simulator?.close();
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A span of time in days, hours or minutes, for the summary. */
function duration(ms: number): string {
  if (ms >= 86_400_000) return `${(ms / 86_400_000).toFixed(1)} day(s)`;
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} hour(s)`;
  return `${Math.round(ms / 60_000)} minute(s)`;
}
