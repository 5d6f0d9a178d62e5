import { createHash, createHmac } from 'node:crypto';
import { UpbitJwtSigner, queryHash } from './jwt-signer';
import { encodeQuery } from './query-string';
import { UpbitCredentials } from './upbit-credentials';

function decodePart(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

const credentials = new UpbitCredentials('a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw', 'test-secret');

describe('UpbitJwtSigner', () => {
  // Source: Upbit's authentication guide (https://docs.upbit.com/kr/reference/auth), example token as
  // copied into ../shared/docs/upbit-api.md §2. Only its header and payload were captured (not its
  // secret nor its query string), so the test pins the header bytes and the payload's claim names and
  // shape, and checks query_hash against an independently computed SHA-512.
  const documentedHeader = 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9';
  const documentedPayload = {
    access_key: 'a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw',
    nonce: 'b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a',
    query_hash: '0b3e884d40cc992a85730cf470b4a3286f13d9c46204279ef32153bcdcd4edb7c12925e7266636e86a6d6ae5804a6bb394e632e4dba9b4045ad470c93720e5e6',
    query_hash_alg: 'SHA512',
  };

  it('encodes the header of the documented HS512 example byte for byte', () => {
    const signer = new UpbitJwtSigner(credentials, 'HS512', () => documentedPayload.nonce);
    const [header] = signer.token('market=KRW-BTC').split('.');
    expect(header).toBe(documentedHeader);
  });

  it('produces a payload with the documented claim names, order and shape', () => {
    const signer = new UpbitJwtSigner(credentials, 'HS512', () => documentedPayload.nonce);
    const payload = decodePart(signer.token('market=KRW-BTC').split('.')[1]) as Record<string, string>;
    expect(Object.keys(payload)).toEqual(Object.keys(documentedPayload));
    expect(payload['access_key']).toBe(documentedPayload.access_key);
    expect(payload['nonce']).toBe(documentedPayload.nonce);
    expect(payload['query_hash_alg']).toBe('SHA512');
    expect(payload['query_hash']).toMatch(/^[0-9a-f]{128}$/);
  });

  it('hashes the exact query string with SHA-512, matching node:crypto computed independently', () => {
    const expected = createHash('sha512').update('market=KRW-BTC').digest('hex');
    expect(queryHash('market=KRW-BTC')).toBe(expected);
    // Pinned once from `printf 'market=KRW-BTC' | sha512sum` (the vector the spec sheet suggests).
    expect(queryHash('market=KRW-BTC')).toBe(
      'b749dfc2e17f75e5b46c8161f97fe7c9298ed4167ea21c5c94d16573efd8a801351470c0ff1a9a3f1e763f8249968218c04c571c8b45aa80cd4588e6c4be0738',
    );
  });

  it('hashes array parameters as repeated key[]=value pairs, unescaped', () => {
    const query = encodeQuery([
      ['market', 'KRW-BTC'],
      ['states', ['wait', 'watch']],
    ]);
    expect(query.unescaped).toBe('market=KRW-BTC&states[]=wait&states[]=watch');
    const payload = decodePart(new UpbitJwtSigner(credentials).token(query.unescaped).split('.')[1]) as Record<string, string>;
    expect(payload['query_hash']).toBe(createHash('sha512').update('market=KRW-BTC&states[]=wait&states[]=watch').digest('hex'));
  });

  it('omits query_hash and query_hash_alg when the request has no parameters', () => {
    const payload = decodePart(new UpbitJwtSigner(credentials).token('').split('.')[1]);
    expect(Object.keys(payload as object)).toEqual(['access_key', 'nonce']);
  });

  it('signs with HS256 by default, verifiable with the secret', () => {
    const token = new UpbitJwtSigner(credentials).token('market=KRW-BTC');
    const [header, payload, signature] = token.split('.');
    expect(decodePart(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(signature).toBe(createHmac('sha256', 'test-secret').update(`${header}.${payload}`).digest('base64url'));
  });

  it('uses a fresh nonce for every token', () => {
    const signer = new UpbitJwtSigner(credentials);
    const nonces = new Set(Array.from({ length: 50 }, () => (decodePart(signer.token('').split('.')[1]) as { nonce: string }).nonce));
    expect(nonces.size).toBe(50);
  });
});
