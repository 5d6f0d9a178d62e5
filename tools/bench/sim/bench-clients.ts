import { createHash, createHmac, randomUUID } from 'node:crypto';

/** An Upbit JWT signed like ccxt does (HS256), with the query hash of `query` when given. */
export function signUpbit(accessKey: string, secretKey: string, query: string | undefined): string {
  const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload: Record<string, string> = { access_key: accessKey, nonce: randomUUID() };
  if (query !== undefined) {
    payload['query_hash'] = createHash('sha512').update(query).digest('hex');
    payload['query_hash_alg'] = 'SHA512';
  }
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secretKey).update(input).digest('base64url')}`;
}

/** Runs `worker` on `concurrency` lanes until `deadline`; returns how many calls completed. */
export async function runLanes(concurrency: number, deadline: number, worker: (lane: number, i: number) => Promise<void>): Promise<number> {
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_v, lane) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await worker(lane, i);
        done++;
      }
    }),
  );
  return done;
}
