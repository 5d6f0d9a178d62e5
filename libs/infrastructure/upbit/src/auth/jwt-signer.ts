import { createHash, createHmac, randomUUID } from 'node:crypto';
import { UpbitCredentials } from './upbit-credentials';

/** Upbit accepts HMAC-SHA256 (what ccxt sends) and HMAC-SHA512 (its documented example). */
export type JwtAlgorithm = 'HS256' | 'HS512';

export interface UpbitJwtClaims {
  readonly access_key: string;
  readonly nonce: string;
  readonly query_hash?: string;
  readonly query_hash_alg?: 'SHA512';
}

const HMAC: Record<JwtAlgorithm, 'sha256' | 'sha512'> = { HS256: 'sha256', HS512: 'sha512' };

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Lower-case hex SHA-512 of the unescaped query string: Upbit's `query_hash`. */
export function queryHash(unescapedQuery: string): string {
  return createHash('sha512').update(unescapedQuery, 'utf8').digest('hex');
}

/**
 * Signs Upbit requests: a JWT with `access_key`, a fresh `nonce` per request (Upbit refuses a reused
 * one), and `query_hash`/`query_hash_alg` only when the request has parameters (docs: auth).
 */
export class UpbitJwtSigner {
  private readonly header: string;

  constructor(
    private readonly credentials: UpbitCredentials,
    private readonly algorithm: JwtAlgorithm = 'HS256',
    private readonly nonce: () => string = randomUUID,
  ) {
    this.header = base64url(JSON.stringify({ alg: algorithm, typ: 'JWT' }));
  }

  claims(unescapedQuery: string): UpbitJwtClaims {
    const base = { access_key: this.credentials.accessKey, nonce: this.nonce() };
    if (unescapedQuery.length === 0) return base;
    return { ...base, query_hash: queryHash(unescapedQuery), query_hash_alg: 'SHA512' };
  }

  /** The JWT for a request whose parameters encode to `unescapedQuery` (empty when it has none). */
  token(unescapedQuery: string): string {
    const signingInput = `${this.header}.${base64url(JSON.stringify(this.claims(unescapedQuery)))}`;
    const signature = createHmac(HMAC[this.algorithm], this.credentials.secretKey()).update(signingInput).digest('base64url');
    return `${signingInput}.${signature}`;
  }

  authorization(unescapedQuery: string): string {
    return `Bearer ${this.token(unescapedQuery)}`;
  }
}
