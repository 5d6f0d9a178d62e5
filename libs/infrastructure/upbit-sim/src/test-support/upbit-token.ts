import { createHash, createHmac, randomUUID } from 'node:crypto';

export interface TokenOptions {
  readonly accessKey: string;
  readonly secretKey: string;
  /** The exact string Upbit hashes (query string, or body params as k=v&...). */
  readonly query?: string;
  readonly alg?: 'HS256' | 'HS512';
  readonly nonce?: string;
  /** Overrides the computed query_hash (to test a wrong one). */
  readonly queryHash?: string;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a token the way Upbit's documentation shows, written independently of the simulator's verifier. */
export function upbitToken(options: TokenOptions): string {
  const alg = options.alg ?? 'HS512';
  const payload: Record<string, string> = { access_key: options.accessKey, nonce: options.nonce ?? randomUUID() };
  if (options.query !== undefined || options.queryHash !== undefined) {
    payload['query_hash'] = options.queryHash ?? createHash('sha512').update(options.query ?? '').digest('hex');
    payload['query_hash_alg'] = 'SHA512';
  }
  const input = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  const signature = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', options.secretKey).update(input).digest('base64url');
  return `${input}.${signature}`;
}
