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

  it('exports and imports strategies, tails events, rebuilds read models, and checks the setup', async () => {
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

    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });

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
