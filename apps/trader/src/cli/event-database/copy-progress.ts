import type { CliOutput } from '../cli-output';
import type { CopyProgress } from './event-database-copy';

/** Without a terminal, a plain line at most this often (a log stays readable). */
const PLAIN_EVERY_MS = 5_000;
/** On a terminal, redraws at most this often. */
const REDRAW_EVERY_MS = 100;

/**
 * Shows the copy's progress on stderr (stdout keeps the result): redrawn in place on a terminal,
 * plain lines every few seconds otherwise, as `data download` does.
 */
export class CopyProgressView {
  private lastShownAt = -Infinity;
  private lastLine = '';

  constructor(
    private readonly output: CliOutput,
    private readonly now: () => number,
  ) {}

  update(progress: CopyProgress): void {
    this.lastLine = copyProgressLine(progress);
    const at = this.now();
    if (at - this.lastShownAt < (this.output.status ? REDRAW_EVERY_MS : PLAIN_EVERY_MS)) return;
    this.lastShownAt = at;
    if (this.output.status) this.output.status(this.lastLine);
    else this.output.err(this.lastLine);
  }

  /** Shows the last state and ends the redrawn line. */
  finish(): void {
    if (this.lastLine === '') return;
    if (this.output.status) {
      this.output.status(this.lastLine);
      this.output.err('');
    } else {
      this.output.err(this.lastLine);
    }
  }
}

/** `copying events: 12,000/48,000 (25.0%), 9,800 events/s` */
export function copyProgressLine(progress: CopyProgress): string {
  const percent = progress.total > 0 ? (Math.min(1, progress.copied / progress.total) * 100).toFixed(1) : '100.0';
  const rate = progress.elapsedMs > 0 ? Math.round((progress.copied * 1_000) / progress.elapsedMs) : 0;
  return `copying events: ${progress.copied.toLocaleString('en-US')}/${progress.total.toLocaleString('en-US')} (${percent}%), ${rate.toLocaleString('en-US')} events/s`;
}
