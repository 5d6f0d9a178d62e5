import { ManualClock } from '@trader/domain';
import { EventStoreRuntime, isPgUrl, PgAccountLease, tradingProjections, tradingReadModelEntities } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { pathExists } from '../backtest/path-exists';
import { TraderConfig } from '../config/trader-config';
import { CliOutput, CliUsageError } from './cli-output';
import { eventDatabaseLabel } from './event-database/event-log-reader.bootstrap';
import { takeMaintenanceLease } from './event-database/maintenance-lease';

/**
 * `replay --from 1`: rebuilds every read model from the event log, with the trader stopped: it holds
 * the store's lease meanwhile (the account's on PostgreSQL, the file's on SQLite), and refuses while a
 * trader holds it. Read models apply events cumulatively (fees and daily PnL add up), so a replay
 * always starts from the first event: `--from` must be 1.
 */
export async function replayCommand(config: TraderConfig, args: readonly string[], output: CliOutput): Promise<void> {
  const fromIndex = args.indexOf('--from');
  const from = fromIndex === -1 ? 1 : Number(args[fromIndex + 1]);
  if (!Number.isInteger(from) || from < 1) throw new CliUsageError('--from takes a position, such as --from 1');
  if (from !== 1) throw new CliUsageError(`read models add events up (fees, daily PnL): replaying from position ${from} would count events twice; use --from 1`);
  // A SQLite file that is not there is a wrong TRADER_DB, not an empty store to create.
  if (!isPgUrl(config.databasePath) && !(await pathExists(config.databasePath))) {
    throw new CliUsageError(`replay: no event store at ${config.databasePath} (TRADER_DB): nothing to replay`);
  }
  // With the store's lease (the account's on PostgreSQL, the file's on SQLite): never under a running trader.
  const lease = takeMaintenanceLease(config.databasePath, config.account, 'replay');
  try {
    await rebuildReadModels(config.databasePath, config.account, output, lease instanceof PgAccountLease ? lease : null);
  } finally {
    lease?.release();
  }
}

/**
 * Rebuilds every trading read model of the store at `location` (SQLite file or PostgreSQL URL, with
 * the account's schema) from its first event, in one pass over the log; progress on stderr, one line
 * per read model on stdout. On PostgreSQL the caller holds the account's lease (`takeMaintenanceLease`).
 */
export async function rebuildReadModels(location: string, account: string, output: CliOutput, lease: PgAccountLease | null): Promise<void> {
  const tasks = new TaskManager(new ManualClock(), silentLogger);
  // Its warnings (a page reader that failed, so the rest is read on the main thread) go to stderr with the progress.
  const line =
    (level: string): RuntimeLogger['warn'] =>
    (message, context) =>
      output.err(`${level}: ${message}${context ? ` ${JSON.stringify(context)}` : ''}`);
  const logger: RuntimeLogger = { info: () => undefined, warn: line('warning'), error: line('error') };
  const runtime = new EventStoreRuntime({ path: location, account, clock: new SystemClock(), tasks, logger, readModelEntities: [...tradingReadModelEntities], ...(lease ? { lease } : {}) });
  try {
    const target = runtime.store.lastPosition();
    output.err(`replaying ${target} event(s) of ${eventDatabaseLabel(location, account)} into ${tradingProjections().length} read model(s)`);
    const projections = tradingProjections();
    for (const projection of projections) await runtime.addProjection(projection);
    // One pass over the log for all of them: each event is read and decoded once.
    const names = projections.map((projection) => projection.name);
    const reached = await runtime.rebuildAll(names, (progress) => output.err(`${progress.projection}: ${progress.position}/${progress.target}`));
    for (const name of names) output.out(`${name} rebuilt to position ${reached}`);
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
  }
}
