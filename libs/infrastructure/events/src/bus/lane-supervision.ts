import { Lane } from './lane';

/** Whether a lane's worker is delivering (`up`) or failed and waits to be restarted (`down`). */
export interface LaneStatus {
  readonly state: 'up' | 'down';
  /** How often the lane's worker was restarted after it failed. */
  readonly restarts: number;
  /** Why the worker last failed. */
  readonly lastError?: string;
  /** Epoch ms when the lane went down (while it is down). */
  readonly downSince?: number;
}

/**
 * Hears a lane go down (its worker failed; events for it queue up until the restarted worker has
 * caught up) and come back (caught up from the store and taking live events again). `down` is awaited
 * by the lane's supervisor before its restart back-off, `up` by the restarted worker before it takes
 * live events; a failing listener is logged and does not stop the lane.
 */
export interface LaneSupervisionListener {
  down(lane: Lane, error: string): void | Promise<void>;
  up(lane: Lane): void | Promise<void>;
}
