/** Where a CLI command writes: stdout for results, stderr for progress and errors (replaceable in tests). */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A CLI command refused its arguments or failed: the message is for the operator, the exit code 2. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
}
