import type { RuntimeLogger } from '@trader/runtime';
import { RetryOptions } from './retry-policy';

export interface LaneDispatcherOptions {
  /** Events a lane may hold before appends that feed it fail with `BackpressureError`. Default 10 000. */
  readonly queueCapacity?: number;
  readonly retry?: RetryOptions;
  readonly logger?: RuntimeLogger;
  /** First pause before a failed lane worker is restarted (doubling on quick failures). Default 200 ms. */
  readonly restartBackoffMs?: number;
  /** Longest pause between restarts of a failed lane worker. Default 5 000 ms: trading waits on the critical lane. */
  readonly maxRestartBackoffMs?: number;
  /** Epoch ms source for dead letters and checkpoints. */
  readonly now: () => number;
}
