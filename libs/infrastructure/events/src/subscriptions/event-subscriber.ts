import type { StoredEvent } from '@trader/application';
import { Lane } from '../bus/lane';

/**
 * A durable consumer of stored events: it has a name (its checkpoint key), a lane, and optionally the
 * event types it wants (all types when omitted). It sees events in position order, from its checkpoint
 * on. A handler with outside effects may see an event again after a crash between its effect and its
 * checkpoint, so it must be idempotent; a subscriber that `ownsCheckpoint` writes the checkpoint in the
 * same transaction as its effects and so applies every event exactly once.
 */
export interface EventSubscriber {
  readonly name: string;
  readonly lane: Lane;
  readonly eventTypes?: readonly string[];
  readonly ownsCheckpoint?: boolean;
  handle(event: StoredEvent): Promise<void>;
  /**
   * Optional: handles consecutive events at once, all or nothing (a subscriber that owns its checkpoint
   * moves it to `checkpoint` in the same transaction). When it throws, the events are handled one by
   * one with `handle`, with the usual retries.
   */
  handleBatch?(events: readonly StoredEvent[], checkpoint: number): Promise<void>;
}
