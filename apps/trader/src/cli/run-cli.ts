import { loadTraderConfig } from '../config/load-trader-config';
import { readSecretFile } from '../bootstrap/read-secret-file.bootstrap';
import { AdminClient } from './admin-client';
import { CliOutput, CliUsageError } from './cli-output';
import { backtestCommand } from '../backtest/backtest.command';
import { dataCommand, dataUsage } from './data-store/data.command';
import { doctorCommand } from './doctor.command';
import { dbCommand, dbUsage } from './event-database/db.command';
import { eventsTailCommand, eventsTailFromFile } from './events-tail.command';
import { replayCommand } from './replay.command';
import { strategyCommand } from './strategy.command';

export const usage = `usage: trader [command]
  start                               run the trader (the default)
  replay --from 1                     rebuild every read model from the event log (trader stopped)
  events tail [--from N] [--follow]   print stored events as JSON lines (from a running trader)
  events tail --db FILE|URL [--from N]
                                      print the events of an event store file (a kept backtest run) or database
  backtest --from DATE --to DATE ...  run a strategy over stored history (trader backtest --help)
  strategy import <file>              define or revise a strategy on the running trader
  strategy export <id>                print a strategy's definition
  doctor                              check settings, database, exchange and clock
${dataUsage}
${dbUsage}`;

/** Runs one CLI command (not `start`); returns the process exit code. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput, signal: AbortSignal): Promise<number> {
  const [command, ...rest] = args;
  try {
    const config = loadTraderConfig(env, readSecretFile);
    switch (command) {
      case 'replay':
        await replayCommand(config, rest, output);
        return 0;
      case 'events':
        if (rest[0] !== 'tail') throw new CliUsageError(usage);
        if (rest.includes('--db')) {
          await eventsTailFromFile(rest.slice(1), config.account, output);
          return 0;
        }
        await eventsTailCommand(AdminClient.fromConfig(config, env), rest.slice(1), output, signal);
        return 0;
      case 'strategy':
        await strategyCommand(AdminClient.fromConfig(config, env), rest, output);
        return 0;
      case 'backtest':
        await backtestCommand(config, rest, output);
        return 0;
      case 'data':
        return await dataCommand(config, rest, output, signal);
      case 'db':
        await dbCommand(config, rest, output, signal);
        return 0;
      case 'doctor':
        return (await doctorCommand(config, output)) ? 0 : 1;
      default:
        throw new CliUsageError(usage);
    }
  } catch (error) {
    output.err(error instanceof Error ? error.message : String(error));
    return error instanceof CliUsageError ? 2 : 1;
  }
}
