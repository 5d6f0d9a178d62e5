import type { RuntimeLogger } from '@trader/runtime';
import { RetryOptions } from './retry-policy';

export interface LaneDispatcherOptions {
  /** Events a lane may hold before appends that feed it fail with `BackpressureError`. Default 10 000. */
  readonly queueCapacity?: number;
  readonly retry?: RetryOptions;
  readonly logger?: RuntimeLogger;
  /** Epoch ms source for dead letters and checkpoints. */
  readonly now: () => number;
}
