// Every benchmark in one command (issue 14). `npm run bench -- --quick` runs each `npm run bench:<name>
// -- --quick` as a child process, one after the other, and prints one table of their figures;
// `--write-docs` also rewrites docs/benchmarks.md from this run; `--only=strategy,sim` runs a subset
// (not with --write-docs: the page must cover every benchmark).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { BenchOutcome } from './bench-outcome';
import { BENCHMARKS } from './benchmark-list';
import { RunContext, renderBenchmarksDoc, summaryTable } from './benchmarks-doc';
import { runBenchChild } from './run-bench-child';

const ROOT = join(__dirname, '..', '..', '..');
const TEMPLATE = join(__dirname, 'benchmarks.template.md');
const DOC = join(ROOT, 'docs', 'benchmarks.md');
/** Per benchmark. Generous: the longest quick run (order-flow, with its build) takes a few minutes. */
const TIMEOUT_MS = { quick: 15 * 60_000, full: 60 * 60_000 };

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const writeDocs = argv.includes('--write-docs');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const unknown = argv.filter((a) => a !== '--quick' && a !== '--write-docs' && !a.startsWith('--only='));
  if (unknown.length > 0 || (only && writeDocs)) {
    process.stderr.write(`usage: npm run bench -- [--quick] [--write-docs | --only=name,name]${unknown.length > 0 ? ` (unknown: ${unknown.join(' ')})` : ''}\n`);
    process.exitCode = 2;
    return;
  }
  const entries = only ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
  if (only && entries.length !== only.length) {
    process.stderr.write(`unknown benchmark in --only; known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }

  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0];
  const outcomes: BenchOutcome[] = [];
  for (const [i, entry] of entries.entries()) {
    process.stderr.write(`== ${i + 1}/${entries.length} ${entry.name} (load average ${loadavg()[0].toFixed(2)})\n`);
    const outcome = await runBenchChild(entry.name, quick ? ['--quick'] : [], ROOT, quick ? TIMEOUT_MS.quick : TIMEOUT_MS.full);
    process.stderr.write(`== ${entry.name}: ${outcome.status} (exit ${outcome.exit}) in ${outcome.seconds.toFixed(0)} s\n`);
    outcomes.push(outcome);
  }
  const context: RunContext = {
    command: `npm run bench --${quick ? ' --quick' : ''}${writeDocs ? ' --write-docs' : ''}`,
    startedAt,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${type()} ${release()}`,
    loadAtStart,
    loadAtEnd: loadavg()[0],
  };

  console.log(summaryTable(entries, outcomes, 'docs/'));
  const failed = outcomes.filter((o) => o.status !== 'ok');
  console.log(`benchmarks=${outcomes.length} ok=${outcomes.length - failed.length} failed=${failed.length} load_start=${loadAtStart.toFixed(2)} load_end=${context.loadAtEnd.toFixed(2)}`);
  if (writeDocs) {
    writeFileSync(DOC, renderBenchmarksDoc(readFileSync(TEMPLATE, 'utf8'), context, entries, outcomes));
    process.stderr.write(`wrote ${DOC}\n`);
  }
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
