// The chaos soak (issue 11, section 2). It runs the BUILT trader: build it first with
//   npx tsc -p apps/trader/tsconfig.app.json
// then `npm run chaos -- --quick [--seed S]` (about 2 minutes, what CI runs) or
// `npm run chaos -- --minutes N --seed S` (rounds of 60 s until N minutes have passed). `--keep`
// keeps the run directory (database, one log per trader start). Exit code 1 on any violation.
// See docs/runbooks/chaos.md.
import { LONG, QUICK, runChaos, summaryLine } from './chaos-run';

class UsageError extends Error {
  readonly code = 'CHAOS_USAGE';
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`${name} must be a positive number, got ${text}`);
  return value;
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const seed = Math.floor(positive('--seed', argument('--seed'), 1));
  const minutes = positive('--minutes', argument('--minutes'), 30);
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  const result = await runChaos({ ...(quick ? QUICK : { ...LONG, minutes }), seed, keep: process.argv.includes('--keep'), print });
  print(summaryLine(result));
  return result.violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? `usage: npm run chaos -- [--quick | --minutes N] [--seed S] [--keep]\n${error.message}` : String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(2);
  },
);
