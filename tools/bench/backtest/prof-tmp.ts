import { BENCH_SERIES, MINUTE_MS, writeSeries } from './candle-series';
import { runOurs } from './ours.workload';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
(async () => {
  const from = Date.UTC(2025, 10, 1); const minutes = 30 * 1440;
  const path = join(mkdtempSync(join(tmpdir(), 'p-')), 'c.sqlite');
  await writeSeries(path, BENCH_SERIES, from - 300 * MINUTE_MS, minutes + 300);
  const t = Date.now();
  const r = await runOurs(path, BENCH_SERIES.map((s) => s.market), from, from + minutes * MINUTE_MS, MINUTE_MS);
  console.log(Date.now() - t, 'ms', JSON.stringify(r).slice(0, 200));
})();
