import { Lane } from './lane';
import { LaneStatus } from './lane-supervision';

export interface HandlerStats {
  readonly name: string;
  readonly lane: Lane;
  readonly position: number;
  readonly handled: number;
  readonly failed: number;
  readonly retried: number;
  readonly parked: number;
  /** Positions committed to this subscriber's lane that it has not processed yet. */
  readonly lag: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LaneStats {
  readonly lane: Lane;
  /** Events delivered into the lane's queue since start (catch-up reads excluded). */
  readonly published: number;
  readonly handled: number;
  readonly failed: number;
  readonly retried: number;
  readonly parked: number;
  readonly queueDepth: number;
  readonly capacity: number;
  readonly lag: number;
}

export interface DispatcherStats {
  readonly lanes: (LaneStats & LaneStatus)[];
  readonly handlers: HandlerStats[];
}
