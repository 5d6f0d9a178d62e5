import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '@trader/application';
import { sampleBacktestRun } from '../../test-support/sample-backtest-run';
import { renderHtmlReport } from './html-report';
import { renderJsonReport } from './json-report';
import { renderTradesCsv } from './trades-csv';
import { writeReportFiles } from './write-report-files';

describe('writeReportFiles', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'backtest-report-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('creates the directory and writes report.json, report.html and trades.csv', async () => {
    const run = sampleBacktestRun();
    const report = buildReport(run);
    const dir = join(base, 'runs', 'first');
    const files = await writeReportFiles(dir, report, run);
    expect(files).toEqual({ json: join(dir, 'report.json'), html: join(dir, 'report.html'), csv: join(dir, 'trades.csv') });
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.json', 'trades.csv']);
    expect(await readFile(files.json, 'utf8')).toBe(renderJsonReport(report));
    expect(await readFile(files.html, 'utf8')).toBe(renderHtmlReport(report, run));
    expect(await readFile(files.csv, 'utf8')).toBe(renderTradesCsv(run.trades));
  });

  it('writes the same bytes for the same run twice', async () => {
    const first = await writeReportFiles(join(base, 'a'), buildReport(sampleBacktestRun()), sampleBacktestRun());
    const second = await writeReportFiles(join(base, 'b'), buildReport(sampleBacktestRun()), sampleBacktestRun());
    for (const kind of ['json', 'html', 'csv'] as const) {
      expect(await readFile(second[kind])).toEqual(await readFile(first[kind]));
    }
  });
});
