import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Secret } from '../../config/secret';

/** Where a generated token may be shown: the process's stderr, which may or may not be a terminal. */
export interface TokenTerminal {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** A token made up for this run, and the file it was written to (null when it was shown on a terminal). */
export interface GeneratedAdminToken {
  readonly token: Secret;
  readonly file: string | null;
}

/** Name of the file in the data directory (TRADER_DATA_DIR) that holds a generated token. */
export const adminTokenFileName = 'admin-token';

/**
 * Makes up an admin token for a run without TRADER_TOKEN (paper mode only). Log streams are collected
 * and kept (journald, files, log shippers), so the token never goes into them: on a terminal it is
 * printed once to stderr; otherwise it is written to a file only the trader's user can read, in the
 * data directory, and the caller logs that file's path.
 */
export function generateAdminToken(dataDir: string, terminal: TokenTerminal): GeneratedAdminToken {
  const value = randomBytes(24).toString('base64url');
  if (terminal.isTTY === true) {
    terminal.write(`Admin API token (generated; set TRADER_TOKEN to choose your own): ${value}\n`);
    return { token: new Secret(value), file: null };
  }
  const file = join(resolve(dataDir), adminTokenFileName);
  mkdirSync(dirname(file), { recursive: true });
  // A file left by an earlier run may have wider permissions; `mode` applies only to a new file.
  rmSync(file, { force: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { token: new Secret(value), file };
}
