import { buildReport, DeciderRepository, STRATEGY_AGGREGATE } from '@trader/application';
import type { BacktestOptions, MarketHistory } from '@trader/application';
import { basicSevenRulesStrategy, strategyDecider, validateStrategyDefinition } from '@trader/domain';
import type { StrategyDefinition } from '@trader/domain';
import { defaultCandleStorePath, SqliteMarketHistory } from '@trader/market-history';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliOutput, CliUsageError } from '../cli/cli-output';
import { eventDatabaseLabel, openEventLogReader } from '../cli/event-database/event-log-reader.bootstrap';
import { TraderConfig } from '../config/trader-config';
import { marketsFlag, timeFlag } from '../cli/data-store/data-flags';
import { parseDecimal, parseFlags } from './backtest-arguments';
import { pathExists } from './path-exists';
import { writeReportFiles } from './report/write-report-files';
import { renderTerminalReport } from './report/terminal-report';
import { replaySession } from './replay-session';
import { runBacktest } from './run-backtest';
import { backtestSweepCommand } from './sweep/backtest-sweep.command';
import { RANK_METRICS } from './sweep/rank-metric';

export const backtestUsage = `usage: trader backtest --from DATE --to DATE [options]
  --strategy ID|FILE      the strategy: basic-seven-rules (default), an id defined in the trader's database, or a JSON file
  --markets A,B           markets to run on (default: the strategy's)
  --initial-krw N         starting balance (default 10000000)
  --fee F                 fee per side as a fraction (default 0.0005, Upbit's KRW fee)
  --slippage-bps N        slippage against every market order (default 5)
  --source S              auto (default): recorded trades where the store has them, else candles; candles; trades
  --history FILE          the candle store (default TRADER_HISTORY_DB, else ${defaultCandleStorePath})
  --out DIR               write report.json, report.html and trades.csv there
  --keep-events FILE      keep the run's event store (open it with: trader events tail --db FILE)
  --replay-session        replay a paper/live session's recorded market data (--recording, default
                          TRADER_RECORDING_DB, else recorded-market.sqlite in TRADER_DATA_DIR) and diff its decisions against the session's (--db, default TRADER_DB)
sweeps and walk-forward (run in worker threads; docs/backtesting.md "Sweeps and walk-forward"):
  --param PATH=FROM:TO:STEP   repeatable; PATH is <trigger or rule id or variable>.<field>, e.g. rsi.period=10:20:2
  --rank-by METRIC        ${RANK_METRICS.join(', ')} (default sharpe; max_drawdown: smaller is better)
  --walk-forward train=90d,test=30d   rolling windows (units d, h): best params in-sample, run out-of-sample
  --workers N             worker threads (default: one per core)
  --out DIR               with a sweep: write sweep.json there`;

const flags = {
  strategy: 'value',
  markets: 'value',
  from: 'value',
  to: 'value',
  'initial-krw': 'value',
  fee: 'value',
  'slippage-bps': 'value',
  source: 'value',
  history: 'value',
  out: 'value',
  'keep-events': 'value',
  'replay-session': 'switch',
  recording: 'value',
  db: 'value',
  param: 'repeat',
  'rank-by': 'value',
  'walk-forward': 'value',
  workers: 'value',
} as const;

/** `trader backtest`: one run of a strategy over stored history, through the live components. */
export async function backtestCommand(config: TraderConfig, args: readonly string[], output: CliOutput): Promise<void> {
  const parsed = parseFlags(args, flags);
  const value = (name: keyof typeof flags): string | undefined => parsed.values.get(name);
  const fromText = value('from');
  const toText = value('to');
  if (!fromText || !toText) throw new CliUsageError(`--from and --to are required\n${backtestUsage}`);
  const from = timeFlag('from', fromText);
  const to = timeFlag('to', toText);
  if (from >= to) throw new CliUsageError('--from must be before --to');
  if (parsed.switches.has('replay-session')) {
    await replayCommand(config, value, from, to, output);
    return;
  }
  const strategy = await loadStrategy(value('strategy') ?? 'basic-seven-rules', config.databasePath, config.account);
  const markets = value('markets') ? marketsFlag(value('markets') as string) : [...strategy.markets];
  const slippage = Number(parseDecimal('slippage-bps', value('slippage-bps') ?? '5', { max: 1_000 }));
  const source = value('source') ?? 'auto';
  if (source !== 'auto' && source !== 'candles' && source !== 'trades') throw new CliUsageError(`--source "${source}" is not one of auto, candles, trades`);
  const options: BacktestOptions = {
    strategy,
    markets,
    from,
    to,
    initialQuote: parseDecimal('initial-krw', value('initial-krw') ?? '10000000', { positive: true }),
    feeRate: parseDecimal('fee', value('fee') ?? '0.0005', { max: 0.05 }),
    slippageBps: slippage,
    risk: config.risk,
    source,
    onProgress: (p) => output.err(`backtest: ${p.processed} items, at ${new Date(p.at).toISOString()} (${Math.round(((p.at - p.from) / (p.to - p.from)) * 100)}%)`),
    progressEvery: 200_000,
  };
  const historyPath = value('history') ?? config.historyPath;
  if (!(await pathExists(historyPath))) throw new CliUsageError(`--history ${historyPath} does not exist (download candles first: trader data download)`);
  if (parsed.repeated.has('param') || value('walk-forward') || value('rank-by') || value('workers')) {
    if (value('keep-events')) throw new CliUsageError('--keep-events keeps one run: it does not go with a sweep or walk-forward');
    await backtestSweepCommand(
      { strategy, markets, from, to, initialQuote: options.initialQuote, feeRate: options.feeRate, slippageBps: slippage, risk: config.risk, source, historyPath },
      { params: parsed.repeated.get('param') ?? [], rankBy: value('rank-by'), walkForward: value('walk-forward'), workers: value('workers'), out: value('out') },
      output,
    );
    return;
  }
  const history: MarketHistory = await SqliteMarketHistory.open(historyPath, { readonly: true });
  try {
    const { run, eventsPath } = await runBacktest(options, history, value('keep-events'));
    const report = buildReport(run);
    output.out(renderTerminalReport(report));
    const out = value('out');
    if (out) {
      const files = await writeReportFiles(out, report, run);
      output.err(`report written: ${Object.values(files).join(', ')}`);
    }
    if (eventsPath) output.err(`events kept in ${eventsPath} (trader events tail --db ${eventsPath})`);
  } finally {
    history.close();
  }
}

/** The built-in reference strategy, a JSON file, or a strategy defined in the trader's database (SQLite file or PostgreSQL). */
export async function loadStrategy(reference: string, databasePath: string, account = 'default'): Promise<StrategyDefinition> {
  const builtIn = basicSevenRulesStrategy();
  if (reference === builtIn.id) return builtIn;
  if (reference.endsWith('.json') || (await pathExists(reference))) {
    if (!(await pathExists(reference))) throw new CliUsageError(`--strategy ${reference}: no such file`);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(reference, 'utf8'));
    } catch (error) {
      throw new CliUsageError(`--strategy ${reference}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    return validateStrategyDefinition(json);
  }
  const reader = await openEventLogReader(databasePath, account);
  if (!reader) throw new CliUsageError(`--strategy ${reference}: not a file, not the built-in ${builtIn.id}, and there is no trader database at ${eventDatabaseLabel(databasePath, account)}`);
  try {
    const repository = new DeciderRepository({ aggregateType: STRATEGY_AGGREGATE, decider: strategyDecider, store: reader.store, now: () => 0, newEventId: () => 'unused' });
    const { state } = await repository.load(reference);
    if (state.status !== 'defined') throw new CliUsageError(`--strategy ${reference}: no such strategy in ${reader.label} (nor a file, nor the built-in ${builtIn.id})`);
    return state.definition;
  } finally {
    reader.close();
  }
}

/** `--replay-session`: the recorded session through the engine, decision by decision against the live one. */
async function replayCommand(config: TraderConfig, value: (name: keyof typeof flags) => string | undefined, from: number, to: number, output: CliOutput): Promise<void> {
  const recordingPath = value('recording') ?? config.recording?.path ?? join(config.dataDir, 'recorded-market.sqlite');
  if (!(await pathExists(recordingPath))) throw new CliUsageError(`--recording ${recordingPath} does not exist (paper trading records it; TRADER_RECORD_MARKET=1)`);
  const recording = await SqliteMarketHistory.open(recordingPath, { readonly: true });
  try {
    const diff = await replaySession({
      livePath: value('db') ?? config.databasePath,
      liveAccount: config.account,
      recording,
      strategyId: value('strategy') ?? 'basic-seven-rules',
      from,
      to,
      initialQuote: parseDecimal('initial-krw', value('initial-krw') ?? '10000000', { positive: true }),
      feeRate: parseDecimal('fee', value('fee') ?? '0.0005', { max: 0.05 }),
      risk: config.risk,
    });
    const show = (d: { market: string; tickAt: number; action: string; ruleId: string; price: string } | null): string =>
      d ? `${new Date(d.tickAt).toISOString()} ${d.market} ${d.action} ${d.ruleId} @ ${d.price}` : '(none)';
    for (const { live, replay } of diff.divergent) output.out(`DIVERGENT live: ${show(live)} | replay: ${show(replay)}`);
    output.out(`decisions live=${diff.live.length} replay=${diff.replay.length} divergent=${diff.divergent.length}`);
    if (diff.divergent.length > 0) throw new Error(`${diff.divergent.length} decision(s) differ between the live session and its replay`);
  } finally {
    recording.close();
  }
}
