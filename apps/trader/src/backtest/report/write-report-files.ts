import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BacktestReport, BacktestRun } from '@trader/application';
import { renderHtmlReport } from './html-report';
import { renderJsonReport } from './json-report';
import { renderTradesCsv } from './trades-csv';

/** Where `writeReportFiles` put each file. */
export interface WrittenReportFiles {
  readonly json: string;
  readonly html: string;
  readonly csv: string;
}

/** Writes report.json, report.html and trades.csv into `dir` (created if missing, files replaced). */
export async function writeReportFiles(dir: string, report: BacktestReport, run: BacktestRun): Promise<WrittenReportFiles> {
  const files: WrittenReportFiles = { json: join(dir, 'report.json'), html: join(dir, 'report.html'), csv: join(dir, 'trades.csv') };
  // Render everything first: a rendering error then leaves no half-written report behind.
  const contents = { json: renderJsonReport(report), html: renderHtmlReport(report, run), csv: renderTradesCsv(run.trades) };
  await mkdir(dir, { recursive: true });
  await writeFile(files.json, contents.json, 'utf8');
  await writeFile(files.html, contents.html, 'utf8');
  await writeFile(files.csv, contents.csv, 'utf8');
  return files;
}
