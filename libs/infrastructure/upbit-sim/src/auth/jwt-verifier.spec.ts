import { createHmac } from 'node:crypto';
import { UpbitApiError } from '../engine/upbit-api-error';
import { upbitToken } from '../test-support/upbit-token';
import { JwtVerifier } from './jwt-verifier';
import { NonceRegistry } from './nonce-registry';

const KEYS = { accessKey: 'access', secretKey: 'secret' };
/** sha512("market=KRW-BTC"), computed once with node:crypto and pinned (spec sheet §2). */
const MARKET_KRW_BTC_HASH =
  'b749dfc2e17f75e5b46c8161f97fe7c9298ed4167ea21c5c94d16573efd8a801351470c0ff1a9a3f1e763f8249968218c04c571c8b45aa80cd4588e6c4be0738';

function verifier(): JwtVerifier {
  return new JwtVerifier({ secretFor: (key) => (key === KEYS.accessKey ? KEYS.secretKey : undefined) }, new NonceRegistry());
}

function refusal(run: () => unknown): UpbitApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof UpbitApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('JwtVerifier', () => {
  it('accepts HS512 and HS256 tokens and returns the access key', () => {
    const v = verifier();
    expect(v.verify(`Bearer ${upbitToken({ ...KEYS, alg: 'HS512' })}`, undefined)).toBe('access');
    expect(v.verify(`Bearer ${upbitToken({ ...KEYS, alg: 'HS256' })}`, undefined)).toBe('access');
  });

  it('checks query_hash against the pinned SHA-512 of the query string', () => {
    const v = verifier();
    const token = upbitToken({ ...KEYS, queryHash: MARKET_KRW_BTC_HASH });
    expect(v.verify(`Bearer ${token}`, 'market=KRW-BTC')).toBe('access');
    const other = upbitToken({ ...KEYS, queryHash: MARKET_KRW_BTC_HASH });
    expect(refusal(() => v.verify(`Bearer ${other}`, 'market=KRW-ETH')).errorName).toBe('invalid_query_payload');
  });

  it('refuses alg "none", a foreign signature and a malformed header with jwt_verification', () => {
    const v = verifier();
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ access_key: 'access', nonce: 'n' })}.`;
    const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ access_key: 'access', nonce: 'n2' })}`;
    const forgedToken = `${forged}.${createHmac('sha256', 'not-the-secret').update(forged).digest('base64url')}`;
    for (const header of [`Bearer ${unsigned}`, `Bearer ${forgedToken}`, 'Basic abc', undefined]) {
      const error = refusal(() => v.verify(header, undefined));
      expect([error.status, error.errorName]).toEqual([401, 'jwt_verification']);
    }
  });

  it('burns a nonce only when the token is valid, and refuses its reuse with nonce_used', () => {
    const v = verifier();
    const badHash = upbitToken({ ...KEYS, nonce: 'same', query: 'market=KRW-ETH' });
    expect(refusal(() => v.verify(`Bearer ${badHash}`, 'market=KRW-BTC')).errorName).toBe('invalid_query_payload');
    expect(v.verify(`Bearer ${upbitToken({ ...KEYS, nonce: 'same', query: 'market=KRW-BTC' })}`, 'market=KRW-BTC')).toBe('access');
    const reused = refusal(() => v.verify(`Bearer ${upbitToken({ ...KEYS, nonce: 'same', query: 'market=KRW-BTC' })}`, 'market=KRW-BTC'));
    expect([reused.status, reused.errorName]).toEqual([401, 'nonce_used']);
  });

  it('refuses a replayed nonce however many requests came in between (Upbit tokens never expire)', () => {
    const registry = new NonceRegistry();
    expect(registry.register('k', 'first')).toBe(true);
    // More than the 100,000 nonces the simulator used to keep before evicting the oldest.
    for (let i = 0; i < 100_001; i += 1) registry.register('k', `later-${i}`);
    expect(registry.register('k', 'first')).toBe(false);
    expect(registry.register('other-key', 'first')).toBe(true);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('refuses alg "%s" with 401 jwt_verification, not a crash', (alg) => {
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${b64({ alg, typ: 'JWT' })}.${b64({ access_key: 'access', nonce: `n-${alg}` })}`;
    const error = refusal(() => verifier().verify(`Bearer ${input}.${createHmac('sha256', KEYS.secretKey).update(input).digest('base64url')}`, undefined));
    expect([error.status, error.errorName]).toEqual([401, 'jwt_verification']);
  });
});
