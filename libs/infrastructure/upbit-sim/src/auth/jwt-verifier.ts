import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { UpbitApiError } from '../engine/upbit-api-error';
import { UPBIT_RULES } from '../engine/upbit-rules';
import { NonceRegistry } from './nonce-registry';

export interface KeyLookup {
  /** The secret of an access key, or undefined when the key is unknown. */
  secretFor(accessKey: string): string | undefined;
}

interface TokenParts {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** A Map, not an object literal: a header `alg` such as `toString` must not find an inherited property. */
const ALGORITHMS: ReadonlyMap<unknown, string> = new Map([
  ['HS256', 'sha256'],
  ['HS512', 'sha512'],
]);

const jwtFailed = (reason: string, value?: unknown): UpbitApiError =>
  new UpbitApiError(401, 'jwt_verification', `Jwt 토큰 검증에 실패했습니다. (${reason})`, value);

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseToken(authorization: string | undefined): TokenParts {
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization ?? '');
  if (match === null) {
    throw new UpbitApiError(401, UPBIT_RULES.errorNames.missingToken, 'Jwt 토큰 검증에 실패했습니다. (no bearer token)', authorization);
  }
  const header = decodeJson(match[1]);
  const payload = decodeJson(match[2]);
  if (header === undefined || payload === undefined) throw jwtFailed('malformed token');
  return { header, payload, signingInput: `${match[1]}.${match[2]}`, signature: Buffer.from(match[3], 'base64url') };
}

/** The access key a token claims, without verifying it (to pick the rate-limit bucket). */
export function claimedAccessKey(authorization: string | undefined): string | undefined {
  try {
    const key = parseToken(authorization).payload['access_key'];
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies an Upbit JWT: HS256 or HS512 signed with the secret of `access_key`; `query_hash`
 * (SHA-512 hex of the parameters, `query_hash_alg` SHA512) required exactly when there are
 * parameters; a `nonce` never used before with this key. Returns the access key.
 */
export class JwtVerifier {
  constructor(
    private readonly keys: KeyLookup,
    private readonly nonces: NonceRegistry,
  ) {}

  verify(authorization: string | undefined, hashInput: string | undefined): string {
    const token = parseToken(authorization);
    const algorithm = ALGORITHMS.get(token.header['alg']);
    if (algorithm === undefined) throw jwtFailed('unsupported alg', token.header['alg']);
    const accessKey = token.payload['access_key'];
    if (typeof accessKey !== 'string') throw jwtFailed('access_key missing');
    const secret = this.keys.secretFor(accessKey);
    if (secret === undefined) throw new UpbitApiError(401, 'invalid_access_key', '잘못된 엑세스 키입니다.', accessKey);
    const expected = createHmac(algorithm, secret).update(token.signingInput).digest();
    if (expected.length !== token.signature.length || !timingSafeEqual(expected, token.signature)) {
      throw jwtFailed('bad signature');
    }
    this.checkQueryHash(token.payload, hashInput);
    const nonce = token.payload['nonce'];
    if (typeof nonce !== 'string' || nonce === '') throw jwtFailed('nonce missing', nonce);
    if (!this.nonces.register(accessKey, nonce)) {
      throw new UpbitApiError(401, 'nonce_used', '이미 요청한 nonce값이 다시 사용되었습니다.', nonce);
    }
    return accessKey;
  }

  private checkQueryHash(payload: Record<string, unknown>, hashInput: string | undefined): void {
    const hash = payload['query_hash'];
    const alg = payload['query_hash_alg'];
    if (hashInput === undefined && hash === undefined) return;
    const invalid = (reason: string): UpbitApiError =>
      new UpbitApiError(401, 'invalid_query_payload', `쿼리 오류입니다. (${reason})`, hash);
    if (typeof hash !== 'string') throw invalid('query_hash missing');
    if (alg !== undefined && alg !== 'SHA512') throw invalid('query_hash_alg must be SHA512');
    const expected = createHash('sha512').update(hashInput ?? '', 'utf8').digest('hex');
    if (hash.toLowerCase() !== expected) throw invalid('query_hash does not match the parameters');
  }
}
