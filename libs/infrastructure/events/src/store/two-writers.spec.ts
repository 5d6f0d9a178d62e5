import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempEventDatabase } from '../test-support/temp-event-database';

const run = promisify(execFile);
const workspaceRoot = resolve(__dirname, '../../../../..');
const childScript = join(__dirname, '../test-support/race-writer.child.ts');

describe('two writers racing on one stream', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-race-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets exactly one writer win each version', async () => {
    const setup = tempEventDatabase(undefined, dir);
    setup.db.close();
    const target = 2_000;
    // Both children must be loaded (they compile on start, slower on a busy CI machine) before the start.
    const startAt = Date.now() + 8_000;
    const writer = (name: string) =>
      run(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', childScript, setup.path, name, String(target), String(startAt)], {
        cwd: workspaceRoot,
      }).then(({ stdout }) => JSON.parse(stdout) as { won: number[]; lost: number });
    const [a, b] = await Promise.all([writer('a'), writer('b')]);

    const check = tempEventDatabase(undefined, dir);
    const stream = [...check.store.readStream('race')];
    check.db.close();
    expect(stream.map((e) => e.streamVersion)).toEqual(Array.from({ length: target }, (_, i) => i + 1));
    expect(a.won.length + b.won.length).toBe(target);
    const winners = new Map(stream.map((e) => [e.streamVersion, e.eventId]));
    for (const v of a.won) expect(winners.get(v)).toBe(`a-${v}`);
    for (const v of b.won) expect(winners.get(v)).toBe(`b-${v}`);
    // Both writers ran at once: each lost at least one race (a writer that never lost ran alone).
    expect(a.lost + b.lost).toBeGreaterThan(0);
  }, 30_000);
});
