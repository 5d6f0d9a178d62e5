import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** The instructions of the Dockerfile's last stage (the image that runs), continuation lines joined. */
function runtimeStage(): string[] {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const lastFrom = instructions.map((line) => line.startsWith('FROM ')).lastIndexOf(true);
  return instructions.slice(lastFrom);
}

// The image cannot be built here (no Docker daemon, no registry but npm's and Debian's), so this
// checks what the issue asks of it, and that what the image copies and runs exists in the built tree.
describe('Dockerfile', () => {
  const stage = runtimeStage();
  const instruction = (name: string) => stage.filter((line) => line.startsWith(`${name} `));

  it('runs on Node 20 slim, as a non-root user, with the data folder as a volume', () => {
    expect(stage[0]).toMatch(/^FROM node:20-slim\b/);
    const users = instruction('USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/\broot\b|\b0\b/);
    expect(instruction('VOLUME').join(' ')).toContain('/data');
    expect(instruction('ENV').join(' ')).toContain('TRADER_DB=/data/');
  });

  it('checks its health on /health and starts the built trader directly, with no npm in between', () => {
    expect(instruction('HEALTHCHECK').join(' ')).toContain('/health');
    const cmd = instruction('CMD');
    expect(cmd).toHaveLength(1);
    expect(cmd[0]).toBe('CMD ["node", "apps/trader/bin/trader.js", "start"]');
    expect(instruction('ENTRYPOINT')).toEqual([]);
    expect(stage.join('\n')).not.toMatch(/\bnpm (start|run)\b/);
  });

  it('copies into the image only paths the build produces or the repository holds', () => {
    const copied = instruction('COPY').flatMap((line) => line.replace(/^COPY --from=build /, '').split(/\s+/).slice(0, -1));
    expect(copied.length).toBeGreaterThan(0);
    const inRepo = copied.map((source) => source.replace(/^\/app\//, '')).filter((source) => !['node_modules', 'dist'].includes(source));
    for (const source of inRepo) expect(existsSync(path.join(root, source))).toBe(true);
    // The bin resolves the built entry point by this path, which the image's dist/ must hold.
    expect(readFileSync(path.join(root, 'apps/trader/bin/trader.js'), 'utf8')).toContain("'../../../dist/trader/apps/trader/src/main.js'");
  });
});
