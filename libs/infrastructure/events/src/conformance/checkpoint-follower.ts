import { setTimeout as pause } from 'node:timers/promises';

/** What the follower keeps of an event. */
export interface FollowedEvent {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
}

/** Up to `limit` events after `checkpoint`, in position order: the store's `readAll(checkpoint + 1, limit)`. */
export type ReadAfter = (checkpoint: number, limit: number) => readonly FollowedEvent[];

/**
 * A subscriber that follows a log the way a lane catches up from the store (LaneWorker.catchUp):
 * it reads a chunk after its checkpoint, handles it, moves the checkpoint to the chunk's last position,
 * and never looks back. If an event can become visible at a position below one the follower has
 * already passed, the follower never sees it: that is the skip the tests look for.
 */
export class CheckpointFollower {
  readonly seen: FollowedEvent[] = [];
  private checkpoint = 0;

  constructor(
    private readonly readAfter: ReadAfter,
    private readonly chunk = 256,
  ) {}

  /** Reads what is visible after the checkpoint now; returns how many events that was. */
  poll(): number {
    let read = 0;
    for (;;) {
      const events = this.readAfter(this.checkpoint, this.chunk);
      for (const event of events) this.seen.push(event);
      read += events.length;
      const last = events[events.length - 1];
      if (last) this.checkpoint = last.position;
      if (events.length < this.chunk) return read;
    }
  }

  /**
   * Polls every millisecond until `finished()` says the writers are done, then once more for what they
   * committed last. The pause lets the writers' output in and leaves them the CPU (a follower that
   * spins slows the writers it races); a millisecond is still shorter than the window a skip needs.
   */
  async follow(finished: () => boolean): Promise<void> {
    while (!finished()) {
      this.poll();
      await pause(1);
    }
    this.poll();
  }
}

/** What a follower saw compared with what the writers were told was stored. */
export interface FollowVerdict {
  /** Acknowledged event ids the follower never saw. */
  readonly missed: string[];
  /** Event ids it saw more than once. */
  readonly duplicated: string[];
  /** Ids it saw that no writer acknowledged. */
  readonly unknown: string[];
  /** Streams whose versions it did not see as 1, 2, 3, ... in that order. */
  readonly outOfOrder: string[];
}

export function followVerdict(seen: readonly FollowedEvent[], acknowledged: readonly string[]): FollowVerdict {
  const counts = new Map<string, number>();
  for (const event of seen) counts.set(event.eventId, (counts.get(event.eventId) ?? 0) + 1);
  const expected = new Set(acknowledged);
  const nextVersion = new Map<string, number>();
  const outOfOrder = new Set<string>();
  for (const event of seen) {
    const next = nextVersion.get(event.streamId) ?? 1;
    if (event.streamVersion !== next) outOfOrder.add(event.streamId);
    nextVersion.set(event.streamId, event.streamVersion + 1);
  }
  return {
    missed: acknowledged.filter((id) => !counts.has(id)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    unknown: [...counts.keys()].filter((id) => !expected.has(id)),
    outOfOrder: [...outOfOrder],
  };
}
