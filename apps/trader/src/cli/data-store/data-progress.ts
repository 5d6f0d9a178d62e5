import type { DownloadProgress } from '@trader/market-history';

const BAR_WIDTH = 24;

/** `[######------------------]  25.0%  KRW-BTC  1,234 candles  1,234/s  ETA 1:15`: the candles done, the rate and the time left. */
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
