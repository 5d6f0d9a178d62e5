import { accountSchema, InvalidAccountNameError, isPgUrl, PgSyncDatabase, redactPgUrl, tradingProjections } from '@trader/events';
import type { PgAccountLease } from '@trader/events';
import Sqlite from 'better-sqlite3';
import { pathExists } from '../../backtest/path-exists';
import { takeStoreFileLease } from '../../bootstrap/store-file-lease.bootstrap';
import { TraderConfig } from '../../config/trader-config';
import { CliOutput, CliUsageError } from '../cli-output';
import { readFlags } from '../data-store/data-flags';
import { rebuildReadModels } from '../replay.command';
import { ThrottledStatusLine } from '../throttled-status-line';
import { copyProgressLine } from './copy-progress';
import { CopyVerificationError } from './db-copy.errors';
import { copyEventDatabase, EventDatabaseCopyReport } from './event-database-copy';
import { eventDatabaseLabel } from './event-log-reader.bootstrap';
import { takeMaintenanceLease } from './maintenance-lease';

const COMMAND = 'db copy';

/**
 * `db copy --from <sqlite file> [--to <postgres url>] [--account a]`: moves a SQLite history into an
 * empty PostgreSQL account schema (`--to` defaults to TRADER_DB when that is a URL, `--account` to
 * TRADER_ACCOUNT), verifies it (counts per table, a sha256 over the events on each side), then
 * rebuilds the read models there. Projection checkpoints are not copied: the read models they belong
 * to are rebuilt, not copied, so the trader's first start on PostgreSQL finds them current. It holds
 * the source file's lease and the account's throughout, and refuses (copying nothing) while a trader
 * holds either.
 */
export async function dbCopyCommand(config: TraderConfig, args: readonly string[], output: CliOutput, signal: AbortSignal): Promise<void> {
  const flags = readCopyFlags(args);
  const from = flags.get('from');
  if (from === undefined) throw new CliUsageError(`${COMMAND}: --from is required, e.g. --from data/trader.db`);
  if (isPgUrl(from)) throw new CliUsageError(`${COMMAND}: --from takes the SQLite file to copy, not a URL`);
  if (!(await pathExists(from))) throw new CliUsageError(`${COMMAND}: --from ${from}: no such file`);
  const to = flags.get('to') ?? (isPgUrl(config.databasePath) ? config.databasePath : undefined);
  if (to === undefined) throw new CliUsageError(`${COMMAND}: --to is required (a postgres:// URL), or set TRADER_DB to one`);
  // Whatever was given, it is not echoed: it may be a URL with a password in it.
  if (!isPgUrl(to)) throw new CliUsageError(`${COMMAND}: --to takes a postgres:// or postgresql:// URL`);
  const account = flags.get('account') ?? config.account;
  const schema = schemaOf(account);

  // The source file's lease and the account's, for the whole command, the copy and the rebuild: no
  // trader may run on either meanwhile (one on the source would append events the copy misses).
  const sourceLease = takeStoreFileLease(from, COMMAND);
  try {
    const lease = takeMaintenanceLease(to, account, COMMAND) as PgAccountLease;
    try {
      await copyAndRebuild(from, to, account, schema, output, signal, lease);
    } finally {
      lease.release();
    }
  } finally {
    sourceLease?.release();
  }
}

async function copyAndRebuild(from: string, to: string, account: string, schema: string, output: CliOutput, signal: AbortSignal, lease: PgAccountLease): Promise<void> {
  const targetLabel = eventDatabaseLabel(to, account);
  const source = new Sqlite(from, { readonly: true, fileMustExist: true });
  let report: EventDatabaseCopyReport;
  try {
    const target = new PgSyncDatabase(to, { schema, applicationName: `upbit-trader db copy ${schema}`, statementTimeoutMs: 600_000 });
    try {
      output.err(`copying ${from} into ${targetLabel}`);
      const view = new ThrottledStatusLine(output, () => Date.now());
      try {
        report = await copyEventDatabase(source, target, {
          schema,
          skipCheckpoints: new Set(tradingProjections().map((projection) => projection.name)),
          onProgress: (progress) => view.show(copyProgressLine(progress)),
          signal,
          now: () => Date.now(),
        });
      } finally {
        view.finish();
      }
    } finally {
      target.close();
    }
  } finally {
    source.close();
  }
  printReport(report, output);
  if (!report.matches) throw new CopyVerificationError(differences(report));
  const events = report.counts.find((count) => count.table === 'events')?.target ?? 0;
  output.out(`copied ${events} event(s) from ${from} to ${targetLabel}: counts and sha256 match`);
  await rebuildReadModels(to, account, output, lease);
}

function printReport(report: EventDatabaseCopyReport, output: CliOutput): void {
  for (const count of report.counts) {
    const skipped = count.table === 'checkpoints' && report.skippedCheckpoints.length > 0 ? `  (not copied, rebuilt with their read models: ${report.skippedCheckpoints.join(', ')})` : '';
    output.out(`${count.table.padEnd(13)} source ${String(count.source).padStart(9)}  target ${String(count.target).padStart(9)}  ${count.source === count.target ? 'ok' : 'DIFFERENT'}${skipped}`);
  }
  output.out(`sha256 source ${report.source.sha256}`);
  output.out(`sha256 target ${report.target.sha256}`);
}

function differences(report: EventDatabaseCopyReport): string[] {
  const found = report.counts.filter((count) => count.source !== count.target).map((count) => `${count.table}: ${count.source} in the source, ${count.target} in the target`);
  if (report.source.sha256 !== report.target.sha256) found.push('the events differ (sha256)');
  return found;
}

/** Flags as every CLI command reads them; a URL put where a flag belongs is not echoed with its password. */
function readCopyFlags(args: readonly string[]): Map<string, string> {
  try {
    return readFlags(COMMAND, args, ['from', 'to', 'account']);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    const message = args.filter(isPgUrl).reduce((text, url) => text.replaceAll(url, redactPgUrl(url)), error.message);
    throw new CliUsageError(message);
  }
}

function schemaOf(account: string): string {
  try {
    return accountSchema(account);
  } catch (error) {
    if (error instanceof InvalidAccountNameError) throw new CliUsageError(`${COMMAND}: --account: ${error.message}`);
    throw error;
  }
}
