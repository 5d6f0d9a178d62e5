import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');
const apiDir = path.join(root, 'apps/dashboard/src/api');

/** Each check boots the trader's module in a child process: a few seconds, more on a busy machine. */
const checkTimeoutMs = 60_000;

interface CheckRun {
  readonly code: number;
  readonly stderr: string;
}

/** `npm run api-client -- --check`, as a child process like CI runs it, optionally on another folder. */
async function runCheck(outDir?: string): Promise<CheckRun> {
  const args = ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'tools/openapi/main.ts', '--check', ...(outDir ? ['--out-dir', outDir] : [])];
  try {
    const { stderr } = await promisify(execFile)(process.execPath, args, { cwd: root });
    return { code: 0, stderr };
  } catch (error: unknown) {
    const { code, stderr } = error as { code?: unknown; stderr?: string };
    if (typeof code !== 'number') throw error;
    return { code, stderr: stderr ?? '' };
  }
}

/**
 * The dashboard's API types come from the server's OpenAPI document; this keeps the checked-in files
 * from drifting from the controllers. Drift is shown on temp copies, never on the real files.
 */
describe('npm run api-client -- --check', () => {
  let copy: string;

  beforeEach(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'api-client-'));
    for (const name of ['openapi.json', 'schema.d.ts']) copyFileSync(path.join(apiDir, name), path.join(copy, name));
  });

  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it('passes on the checked-in files, which match the OpenAPI document of the trader', async () => {
    expect(await runCheck()).toEqual({ code: 0, stderr: '' });
  }, checkTimeoutMs);

  it('passes on an unchanged copy of them', async () => {
    expect((await runCheck(copy)).code).toBe(0);
  }, checkTimeoutMs);

  it('fails naming schema.d.ts when the types differ', async () => {
    const file = path.join(copy, 'schema.d.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"/api/v1/orders"', '"/api/v1/orderz"'));
    const run = await runCheck(copy);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${file} differs from the trader's OpenAPI document: run npm run api-client\n`);
  }, checkTimeoutMs);

  it('fails naming openapi.json when the document differs or is missing', async () => {
    const file = path.join(copy, 'openapi.json');
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd());
    expect(await runCheck(copy)).toEqual({ code: 1, stderr: `${file} differs from the trader's OpenAPI document: run npm run api-client\n` });
    rmSync(file);
    expect(await runCheck(copy)).toEqual({ code: 1, stderr: `${file} is missing: run npm run api-client\n` });
  }, checkTimeoutMs);
});
