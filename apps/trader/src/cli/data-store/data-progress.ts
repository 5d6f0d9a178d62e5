import type { DownloadProgress } from '@trader/market-history';
import type { CliOutput } from '../cli-output';

const BAR_WIDTH = 24;
/** Without a terminal, a plain line at most this often (a log stays readable). */
const PLAIN_EVERY_MS = 5_000;
/** On a terminal, redraws at most this often. */
const REDRAW_EVERY_MS = 100;

/**
 * Shows download progress on stderr: a bar redrawn in place on a terminal, plain lines every few
 * seconds otherwise. Both carry the candles done, the rate and the time left.
 */
export class DownloadProgressView {
  private lastShownAt = -Infinity;
  private lastLine = '';

  constructor(
    private readonly output: CliOutput,
    private readonly now: () => number,
  ) {}

  update(progress: DownloadProgress): void {
    const line = progressLine(progress);
    this.lastLine = line;
    const at = this.now();
    if (at - this.lastShownAt < (this.output.status ? REDRAW_EVERY_MS : PLAIN_EVERY_MS)) return;
    this.lastShownAt = at;
    this.show(line);
  }

  /** Shows the last state and ends the bar's line. */
  finish(): void {
    if (this.lastLine === '') return;
    if (this.output.status) {
      this.output.status(this.lastLine);
      this.output.err('');
    } else {
      this.output.err(this.lastLine);
    }
  }

  private show(line: string): void {
    if (this.output.status) this.output.status(line);
    else this.output.err(line);
  }
}

export function progressLine(p: DownloadProgress): string {
  const fraction = p.spanTotal > 0 ? Math.min(1, p.spanDone / p.spanTotal) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${(fraction * 100).toFixed(1)}%`.padStart(6);
  const eta = p.etaMs === null ? 'ETA --' : `ETA ${duration(p.etaMs)}`;
  return `${bar} ${percent}  ${p.market}  ${p.candles.toLocaleString('en-US')} candles  ${Math.round(p.candlesPerSecond).toLocaleString('en-US')}/s  ${eta}`;
}

/** `1:02:03`, `2:03` or `0:05`. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1_000));
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
