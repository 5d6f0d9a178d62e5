/** Where a CLI command writes: stdout for results, stderr for progress and errors (replaceable in tests). */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
  /** Redraws one status line of stderr in place (a progress bar); only where stderr is a terminal. */
  readonly status?: (line: string) => void;
}

export const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // Carriage return and erase-line: the bar is redrawn, not appended; a log file gets plain lines instead.
  ...(process.stderr.isTTY ? { status: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};

/** A CLI command refused its arguments or failed: the message is for the operator, the exit code 2. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
}
