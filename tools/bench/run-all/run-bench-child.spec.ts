import { join } from 'node:path';
import { runBenchChild } from './run-bench-child';

const ROOT = join(__dirname, '..', '..', '..');

describe('runBenchChild', () => {
  it('reports a benchmark that cannot run as failed, with its exit code and error, instead of throwing', async () => {
    const echoed: string[] = [];
    const outcome = await runBenchChild('no-such-benchmark', ['--quick'], ROOT, 60_000, (line) => echoed.push(line));
    expect(outcome.status).toBe('failed');
    expect(outcome.exit).not.toBe('0');
    expect(outcome.command).toBe('npm run bench:no-such-benchmark -- --quick');
    expect(outcome.figures).toBeNull();
    expect(outcome.stderrTail).toContain('Missing script');
    expect(echoed[0]).toMatch(/^\[no-such-benchmark\] /);
  }, 60_000);
});
