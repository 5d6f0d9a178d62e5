import type { CopyProgress } from './event-database-copy';

/** `copying events: 12,000/48,000 (25.0%), 9,800 events/s` */
export function copyProgressLine(progress: CopyProgress): string {
  const percent = progress.total > 0 ? (Math.min(1, progress.copied / progress.total) * 100).toFixed(1) : '100.0';
  const rate = progress.elapsedMs > 0 ? Math.round((progress.copied * 1_000) / progress.elapsedMs) : 0;
  return `copying events: ${progress.copied.toLocaleString('en-US')}/${progress.total.toLocaleString('en-US')} (${percent}%), ${rate.toLocaleString('en-US')} events/s`;
}
