import { TraderConfig } from '../../config/trader-config';
import { CliOutput, CliUsageError } from '../cli-output';
import { dbCopyCommand } from './db-copy.command';
import { dbMigrateCommand } from './db-migrate.command';

export const dbUsage = `  db migrate                          migrate TRADER_DB (TRADER_ACCOUNT's schema on PostgreSQL) and print what was applied
  db copy --from FILE [--to URL] [--account NAME]
                                      copy a SQLite event store into an empty PostgreSQL account schema, verify it
                                      (counts, sha256 of the events) and rebuild the read models there;
                                      --to defaults to TRADER_DB, --account to TRADER_ACCOUNT`;

/** `db migrate|copy`: the event database itself (docs/operator-guide.md, "Running on PostgreSQL"). */
export async function dbCommand(config: TraderConfig, args: readonly string[], output: CliOutput, signal: AbortSignal): Promise<void> {
  const [action, ...rest] = args;
  switch (action) {
    case 'migrate':
      return dbMigrateCommand(config, rest, output);
    case 'copy':
      return dbCopyCommand(config, rest, output, signal);
    default:
      throw new CliUsageError(`usage:\n${dbUsage}`);
  }
}
