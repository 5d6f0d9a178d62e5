/** What one benchmark's child process produced. */
export interface BenchOutcome {
  readonly name: string;
  /** The command line as a reader would type it. */
  readonly command: string;
  readonly status: 'ok' | 'failed' | 'timed out';
  /** The exit code, or the signal that ended it. */
  readonly exit: string;
  readonly seconds: number;
  /** Its standard output, without npm's banner lines. */
  readonly stdout: string;
  /** Its machine-readable last line (`key=value ...`), or null when it printed none. */
  readonly figures: string | null;
  /** The last lines of its standard error, kept to say why it failed. */
  readonly stderrTail: string;
}

const FIGURE = /^[a-z][a-z0-9_]*=\S+$/;

/** The last line of `stdout` made only of `key=value` pairs: every benchmark ends with one. */
export function machineLine(stdout: string): string | null {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  for (let i = lines.length - 1; i >= 0; i--) {
    const tokens = lines[i].split(/\s+/);
    if (tokens.every((t) => FIGURE.test(t))) return lines[i];
  }
  return null;
}

/** npm prints `> package@version script` and the command before the script's own output. */
export function withoutNpmBanner(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('> '))
    .join('\n')
    .trim();
}
