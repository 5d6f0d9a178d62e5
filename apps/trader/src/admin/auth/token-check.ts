import { createHash, timingSafeEqual } from 'node:crypto';
import { Secret } from '../../config/secret';

/** Compares a presented `Bearer <token>` header with the admin token in constant time (on SHA-256 digests, so lengths do not leak either). */
export function isAdminBearer(header: string | undefined, token: Secret): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token.reveal()));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
