import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminTokenFileName, generateAdminToken, TokenTerminal } from './generated-admin-token.bootstrap';

describe('generateAdminToken', () => {
  let dir: string;
  let written: string[];
  const stderr = (isTTY: boolean): TokenTerminal => ({ isTTY, write: (text: string) => written.push(text) });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-token-'));
    written = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the token to a file only its owner can read, beside the database, and prints nothing', () => {
    writeFileSync(join(dir, adminTokenFileName), 'left by an earlier run\n', { mode: 0o644 });
    const generated = generateAdminToken(dir, stderr(false));
    expect(generated.file).toBe(join(dir, adminTokenFileName));
    expect(readFileSync(join(dir, adminTokenFileName), 'utf8')).toBe(`${generated.token.reveal()}\n`);
    expect(statSync(join(dir, adminTokenFileName)).mode & 0o777).toBe(0o600);
    expect(generated.token.reveal()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(written).toEqual([]);
  });

  it('on a terminal, prints the token once to stderr and writes no file', () => {
    const generated = generateAdminToken(dir, stderr(true));
    expect(generated.file).toBeNull();
    expect(written).toEqual([`Admin API token (generated; set TRADER_TOKEN to choose your own): ${generated.token.reveal()}\n`]);
    expect(() => statSync(join(dir, adminTokenFileName))).toThrow();
  });
});
