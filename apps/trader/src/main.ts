import './bootstrap/register-aliases';
import 'reflect-metadata';
import { bootstrap } from './bootstrap/bootstrap';
import { processOutput } from './cli/cli-output';
import { runCli } from './cli/run-cli';

const [command = 'start', ...args] = process.argv.slice(2);

if (command === 'start') {
  bootstrap(process.env).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  runCli([command, ...args], process.env, processOutput, stop.signal).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
