import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listeningUrl, RunningTrader, startTrader } from './trader-process';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const mainJs = join(root, 'dist/trader/apps/trader/src/main.js');
const token = 'cli-token-0123456789abcd';

/** Runs the trader binary with a CLI command; resolves with its exit code and output. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [mainJs, ...args], { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the trader CLI (same binary)', () => {
  let dir: string;
  let trader: RunningTrader | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-cli-'));
  });
  afterAll(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports and imports strategies, tails events, refuses a second writer of the store, rebuilds read models, and checks the setup', async () => {
    const env = { TRADER_DB: join(dir, 'trader.db'), TRADER_TOKEN: token };
    trader = startTrader({ ...env, TRADER_PORT: '0' });
    const url = await listeningUrl(trader);
    const withUrl = { ...env, TRADER_URL: url };

    const exported = await cli(['strategy', 'export', 'basic-seven-rules'], withUrl);
    expect(exported.code).toBe(0);
    const definition = JSON.parse(exported.stdout) as { id: string; version: number; enabled: boolean };
    expect(definition).toEqual(expect.objectContaining({ id: 'basic-seven-rules', version: 2 }));

    const file = join(dir, 'strategy.json');
    writeFileSync(file, JSON.stringify({ ...definition, version: 3, enabled: false }));
    expect(await cli(['strategy', 'import', file], withUrl)).toEqual(expect.objectContaining({ code: 0, stdout: 'imported basic-seven-rules\n' }));
    expect(JSON.parse((await cli(['strategy', 'export', 'basic-seven-rules'], withUrl)).stdout)).toEqual(expect.objectContaining({ version: 3, enabled: false }));
    writeFileSync(join(dir, 'broken.json'), '{"id": 1');
    expect((await cli(['strategy', 'import', join(dir, 'broken.json')], withUrl)).code).toBe(2);

    const tail = await cli(['events', 'tail', '--from', '1'], withUrl);
    expect(tail.code).toBe(0);
    const types = tail.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['RiskLimitsConfigured', 'StrategyDefined', 'StrategyRevised', 'TradingStarted']));

    // One process at a time writes a SQLite store: a second trader and a replay are refused, naming the holder.
    const holder = `trader start (pid ${String(trader.child.pid)} on `;
    const second = startTrader({ ...env, TRADER_PORT: '0' });
    // A second trader that starts and trades is the failure, not a hang: it is killed after 20 s.
    const guard = setTimeout(() => second.child.kill('SIGKILL'), 20_000);
    const secondExit = await second.exited;
    clearTimeout(guard);
    expect(secondExit).toEqual({ code: 1, signal: null });
    expect(second.output()).toContain(`trader start: ${env.TRADER_DB} is in use by ${holder}`);
    const refused = await cli(['replay', '--from', '1'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`trader replay: ${env.TRADER_DB} is in use by ${holder}`);
    expect(refused.stdout).toBe('');
    // The running trader is untouched: still answering, its read model still as it was.
    expect(JSON.parse((await cli(['strategy', 'export', 'basic-seven-rules'], withUrl)).stdout)).toEqual(expect.objectContaining({ version: 3 }));

    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });

    // A TRADER_DB that points nowhere is an error, not an empty store to create and "replay".
    const missing = await cli(['replay', '--from', '1'], { ...env, TRADER_DB: join(dir, 'nowhere', 'trader.db') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`replay: no event store at ${join(dir, 'nowhere', 'trader.db')}`);

    const replay = await cli(['replay', '--from', '1'], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('rm-strategies rebuilt to position');
    expect((await cli(['replay', '--from', '7'], env)).code).toBe(2);

    const doctor = await cli(['doctor'], env);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^ok {4}settings: paper mode/m);
    expect(doctor.stdout).toMatch(/^ok {4}database: .*event\(s\), integrity ok/m);
    expect(doctor.stdout).toMatch(/^ok {4}exchange: in-process simulator lists/m);
    expect((await cli(['doctor'], { ...env, UPBIT_REST_URL: 'http://127.0.0.1:9/v1', UPBIT_WS_URL: 'ws://127.0.0.1:9/websocket/v1' })).code).toBe(1);
  }, 90_000);
});
