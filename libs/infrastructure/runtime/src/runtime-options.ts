import type { Clock } from '@trader/domain';
import { LoopGuardOptions } from './loop/loop-guard.types';
import { RuntimeLogger } from './logging/runtime-logger';

export interface RuntimeOptions {
  loopGuard?: Partial<LoopGuardOptions>;
  /** How long `shutdown` waits for tasks to stop before reporting them. */
  taskShutdownTimeoutMs?: number;
  clock?: Clock;
  logger?: RuntimeLogger;
}

export const defaultTaskShutdownTimeoutMs = 5_000;
