import type { Clock } from '@trader/domain';
import { randomInt } from 'node:crypto';

/** How long a `/kill` confirmation code stays valid. */
export const killConfirmationMs = 60_000;

/**
 * One-time codes that confirm `/kill`: a code is issued to one chat, valid for 60 seconds, and spent
 * by its first use (right or wrong), so a mistyped or replayed `/kill <code>` cannot engage the switch.
 * Kept in memory: a restart forgets them, and the operator asks again.
 */
export class KillConfirmations {
  private readonly pending = new Map<string, { code: string; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  issue(chatId: string): string {
    const code = String(randomInt(100_000, 1_000_000));
    this.pending.set(chatId, { code, expiresAt: this.clock.now() + killConfirmationMs });
    return code;
  }

  /** True once for the code last issued to this chat, within its 60 seconds. */
  redeem(chatId: string, code: string): boolean {
    const issued = this.pending.get(chatId);
    this.pending.delete(chatId);
    return issued !== undefined && issued.code === code && this.clock.now() <= issued.expiresAt;
  }
}
