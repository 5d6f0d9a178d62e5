import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { UpbitCredentialsError } from './credentials.errors';

const REDACTED = 'UpbitCredentials(<redacted>)';

/**
 * An Upbit access key and its secret. Neither is ever printed: `toString`, `toJSON` and
 * `util.inspect` (what loggers use) all redact, and the secret is reachable only by the signer.
 */
export class UpbitCredentials {
  readonly #accessKey: string;
  readonly #secretKey: string;

  constructor(accessKey: string, secretKey: string) {
    if (accessKey.trim().length === 0) throw new UpbitCredentialsError('arguments', 'the access key is empty');
    if (secretKey.trim().length === 0) throw new UpbitCredentialsError('arguments', 'the secret key is empty');
    this.#accessKey = accessKey.trim();
    this.#secretKey = secretKey.trim();
  }

  get accessKey(): string {
    return this.#accessKey;
  }

  /** For the JWT signer only. */
  secretKey(): string {
    return this.#secretKey;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export interface CredentialVariableNames {
  readonly accessKey: string;
  readonly secretKey: string;
}

export const defaultCredentialVariables: CredentialVariableNames = { accessKey: 'UPBIT_ACCESS_KEY', secretKey: 'UPBIT_SECRET_KEY' };

/**
 * Reads the keys from environment variables. The app passes `process.env` in (libraries never read
 * it themselves, see docs/architecture.md).
 */
export function credentialsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  names: CredentialVariableNames = defaultCredentialVariables,
): UpbitCredentials {
  const accessKey = env[names.accessKey];
  const secretKey = env[names.secretKey];
  if (!accessKey) throw new UpbitCredentialsError(`environment variable ${names.accessKey}`, 'it is not set');
  if (!secretKey) throw new UpbitCredentialsError(`environment variable ${names.secretKey}`, 'it is not set');
  return new UpbitCredentials(accessKey, secretKey);
}

/** Reads the keys from a JSON file `{ "access_key": "...", "secret_key": "..." }` (mode 0600 advised). */
export async function credentialsFromFile(path: string): Promise<UpbitCredentials> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UpbitCredentialsError(`file ${path}`, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UpbitCredentialsError(`file ${path}`, 'it is not valid JSON');
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const accessKey = record['access_key'];
  const secretKey = record['secret_key'];
  if (typeof accessKey !== 'string' || accessKey.length === 0) throw new UpbitCredentialsError(`file ${path}`, '"access_key" is missing');
  if (typeof secretKey !== 'string' || secretKey.length === 0) throw new UpbitCredentialsError(`file ${path}`, '"secret_key" is missing');
  return new UpbitCredentials(accessKey, secretKey);
}
