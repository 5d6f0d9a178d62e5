import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config.errors';

/** Reads a secret file once, at start-up; a missing or unreadable file stops start-up naming the setting. */
export function readSecretFile(setting: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(setting, path, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
