import type { CliOutput } from './cli-output';

/** Without a terminal, a plain line at most this often (a log stays readable). */
const PLAIN_EVERY_MS = 5_000;
/** On a terminal, redraws at most this often. */
const REDRAW_EVERY_MS = 100;

/**
 * A progress line on stderr (stdout keeps the result): redrawn in place on a terminal at most every
 * 100 ms, a plain line at most every 5 s otherwise. `finish` shows the last state and ends the line.
 */
export class ThrottledStatusLine {
  private lastShownAt = -Infinity;
  private lastLine = '';

  constructor(
    private readonly output: CliOutput,
    private readonly now: () => number,
  ) {}

  show(line: string): void {
    this.lastLine = line;
    const at = this.now();
    if (at - this.lastShownAt < (this.output.status ? REDRAW_EVERY_MS : PLAIN_EVERY_MS)) return;
    this.lastShownAt = at;
    this.write(line);
  }

  finish(): void {
    if (this.lastLine === '') return;
    this.write(this.lastLine);
    if (this.output.status) this.output.err('');
  }

  private write(line: string): void {
    if (this.output.status) this.output.status(line);
    else this.output.err(line);
  }
}
