import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { BenchOutcome, machineLine, withoutNpmBanner } from './bench-outcome';

const STDERR_TAIL_LINES = 20;

/**
 * Runs `npm run bench:<name> -- <args>` as a child process in `cwd` and collects its output. Its
 * standard error (progress lines) goes to `echo` as it comes, prefixed with its name, so a long run
 * shows where it is. Never rejects: a benchmark that fails, or runs past `timeoutMs` (its whole process
 * group is then ended), comes back as an outcome that says so, and the aggregate run goes on.
 */
export function runBenchChild(
  name: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
  echo: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<BenchOutcome> {
  const command = `npm run bench:${name}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  const started = performance.now();
  return new Promise((resolve) => {
    // Its own process group: npm starts node (and order-flow also tsc), and a timeout must end them all.
    const child = spawn('npm', ['run', `bench:${name}`, '--', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    const stderrLines: string[] = [];
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.length === 0) continue;
        echo(`[${name}] ${line}`);
        stderrLines.push(line);
        if (stderrLines.length > STDERR_TAIL_LINES) stderrLines.shift();
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, timeoutMs);
    const finish = (exit: string, ok: boolean): void => {
      clearTimeout(timer);
      const clean = withoutNpmBanner(stdout);
      resolve({
        name,
        command,
        status: timedOut ? 'timed out' : ok ? 'ok' : 'failed',
        exit,
        seconds: (performance.now() - started) / 1_000,
        stdout: clean,
        figures: machineLine(clean),
        stderrTail: stderrLines.join('\n'),
      });
    };
    child.on('error', (error) => finish(`spawn error: ${error.message}`, false));
    child.on('close', (code, signal) => finish(signal ?? String(code), code === 0));
  });
}
