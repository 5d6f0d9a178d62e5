import type { StoredEvent } from '@trader/application';
import type { EntityManager } from 'typeorm';
import { Lane } from '../bus/lane';

/**
 * A read model built from the store with TypeORM entities. `apply` and the checkpoint run in one
 * transaction, so each event changes the read model exactly once, crashes included. `reset` empties
 * the read model for a rebuild from position 0.
 */
export interface Projection {
  readonly name: string;
  /** Default 'medium-config'. */
  readonly lane?: Lane;
  readonly eventTypes?: readonly string[];
  apply(event: StoredEvent, manager: EntityManager): Promise<void>;
  reset(manager: EntityManager): Promise<void>;
}

/** Progress of a rebuild, reported after each batch. */
export interface RebuildProgress {
  readonly projection: string;
  readonly processed: number;
  readonly position: number;
  readonly target: number;
}
