import type { LoopGuardMode } from '@trader/runtime';

/** Everything the trader reads from its environment, validated once at start-up. */
export interface TraderConfig {
  host: string;
  port: number;
  loopGuardMode: LoopGuardMode;
  shutdownTimeoutMs: number;
}
