import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for one workload's database files. */
export function scratchDir(): { dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-event-store-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The q-quantile of latencies in ms. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** A payload of about 200 bytes once serialised, like a typical order or fill event. */
export function payload(n: number): Record<string, string | number> {
  return {
    market: 'KRW-BTC',
    side: n % 2 === 0 ? 'bid' : 'ask',
    price: '143250000.0',
    volume: '0.00123456',
    orderId: `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`,
    identifier: `trader-${n}`,
    state: 'wait',
    seq: n,
  };
}

export const eventsPerTransaction = 1_000;
export const streamCount = 1_000;
