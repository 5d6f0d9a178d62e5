import type { StoredEvent } from '@trader/application';
import { BackpressureError } from '@trader/application';
import { errorMessage, RuntimeLogger, waitUnlessAborted } from '@trader/runtime';
import { performance } from 'node:perf_hooks';
import type { EventLog } from '../store/event-log';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { DeadLetterStore } from './dead-letter-store';
import { ParkedEventRef } from './dead-letter';
import { Lane } from './lane';
import { HandlerStats, LaneStats } from './lane-stats';
import { RetryPolicy } from './retry-policy';
import { SubscriberSlot } from './subscriber-slot';
import { yieldToEventLoop } from './wait';

/** What a lane worker needs from the dispatcher around it. */
export interface LaneWorkerContext {
  readonly store: EventLog;
  readonly checkpoints: CheckpointStore;
  readonly deadLetters: DeadLetterStore;
  readonly retry: RetryPolicy;
  readonly logger: RuntimeLogger;
  /** True while a lane of higher priority has queued or unfinished work: this lane then takes short turns. */
  higherLaneBusy(lane: Lane): boolean;
  /** Called after an event was parked for a subscriber (appends `HandlerFailed`). */
  parked(slot: SubscriberSlot, event: ParkedEventRef, deadLetterId: number, attempts: number, error: string): Promise<void>;
}

/**
 * How long a lane may keep the thread before it lets timers, I/O and the other lanes in, in ms. The
 * critical lane may run longer turns (it is what the others make way for); a lower lane gets 1 ms, so
 * an order or fill arriving on a socket waits at most about that long per lower lane.
 */
const turnMs: Readonly<Record<Lane, number>> = {
  'critical-trading': 5,
  'high-safety': 1,
  'medium-config': 1,
  'low-logging': 1,
  'lowest-cleanup': 1,
};
/**
 * While a higher lane has work, a lower lane's turn ends after this many handler calls or this long,
 * whichever comes first: short enough that a critical handler's I/O reply waits well under a
 * millisecond per lower lane, long enough that the lower lanes keep draining (not one event per loop
 * turn, which let a busy critical lane all but stop them).
 */
const yieldingTurnCalls = 16;
const yieldingTurnMs = 0.25;
/**
 * Most events taken from the queue at once, a batch for subscribers that handle batches. A batch is one
 * call that cannot be interrupted, so lower lanes take smaller ones: at the projection rebuild's
 * 140,000-170,000 events/s (benchmarks/event-store.md), 64 upserts hold the thread about 0.4 ms, 256
 * about 1.7 ms, more under load.
 */
const chunkSizes: Readonly<Record<Lane, number>> = {
  'critical-trading': 256,
  'high-safety': 64,
  'medium-config': 64,
  'low-logging': 64,
  'lowest-cleanup': 64,
};

/**
 * One lane: a bounded FIFO of committed events and one worker that delivers them, in position order,
 * to the lane's subscribers. The worker takes up to a chunk of queued events at a time; subscribers
 * run concurrently, each through the chunk in order (in one call if it handles batches). Events leave
 * the queue only after every subscriber has handled or parked them, so an abort loses nothing.
 *
 * Scheduling: handlers that resolve at once chain as microtasks, which nothing else can interrupt, so
 * the worker itself decides when to let others in. Before each handler call it yields to the event
 * loop (`setImmediate`) when its turn is used up: after `turnMs`, or, while a higher lane has work,
 * after `yieldingTurnCalls` calls or `yieldingTurnMs`. A higher lane's wake-up is a microtask run right
 * after the commit that queued its event, so it never waits for a lower lane's chunk, and its handler's
 * awaited I/O waits for at most one short turn of each lower lane. The lower lanes still get a turn in
 * every loop iteration, so they are never starved.
 */
export class LaneWorker {
  readonly slots: SubscriberSlot[] = [];
  private queue: (StoredEvent | undefined)[] = [];
  private head = 0;
  private reserved = 0;
  private published = 0;
  private lastEnqueued = 0;
  private wake: (() => void) | undefined;
  private readonly chunkSize: number;
  private readonly turnMs: number;
  /** When the worker's current run of work without a yield began (performance.now()), and the handler calls made since. */
  private turnStart = 0;
  private turnCalls = 0;
  /** True once the worker has caught up from the store: from then on every committed event it wants is in its queue. */
  private live = false;
  private readonly progressListeners = new Set<() => void>();

  constructor(
    readonly lane: Lane,
    readonly capacity: number,
    private readonly context: LaneWorkerContext,
  ) {
    this.chunkSize = chunkSizes[lane];
    this.turnMs = turnMs[lane];
  }

  depth(): number {
    return this.queue.length - this.head;
  }

  wants(type: string): boolean {
    return this.slots.some((slot) => slot.accepts(type));
  }

  /** Holds room for `count` events about to be committed; throws `BackpressureError` when full. */
  reserve(count: number): void {
    const depth = this.depth() + this.reserved;
    if (depth + count > this.capacity) throw new BackpressureError(this.lane, depth, this.capacity);
    this.reserved += count;
  }

  release(count: number): void {
    this.reserved = Math.max(0, this.reserved - count);
  }

  /** Queues a committed event. Its room was reserved before the commit (and released just before this call). */
  enqueue(event: StoredEvent): void {
    this.queue.push(event);
    this.published += 1;
    this.lastEnqueued = event.position;
    this.wake?.();
  }

  /**
   * Delivers stored events up to `catchUpTo` from the slowest checkpoint, then the live queue, until
   * aborted. `onLive` runs once the catch-up is done, before the first live event.
   */
  async run(signal: AbortSignal, catchUpTo: number, onLive?: () => Promise<void>): Promise<void> {
    const onAbort = (): void => this.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      this.startTurn();
      this.lastEnqueued = Math.max(this.lastEnqueued, catchUpTo);
      await this.catchUp(signal, catchUpTo);
      this.live = !signal.aborted;
      this.progressed();
      if (this.live) await onLive?.();
      while (!signal.aborted) {
        if (this.depth() === 0) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = undefined;
          this.startTurn();
          continue;
        }
        const chunk = this.queue.slice(this.head, this.head + this.chunkSize) as StoredEvent[];
        if (!(await this.processChunk(chunk, signal))) break;
        this.queue.fill(undefined, this.head, this.head + chunk.length);
        this.head += chunk.length;
        if (this.head > 1_024 && this.head * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.progressed();
      }
    } finally {
      this.live = false;
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Forgets the queued events before a restart after a failure, when the queue may be half-processed:
   * the restarted run reads them again from the store, from its slowest subscriber's position, and
   * each subscriber skips what it has already handled. Call it in the same tick as reading the store's
   * last position for `run`, so every later commit is queued and every earlier one is read.
   */
  dropQueue(): void {
    this.queue = [];
    this.head = 0;
  }

  /**
   * Whether `slot` has handled every event it takes up to `position`. Its checkpoint moves only with
   * the events of its lane, so it may stay below `position` for good (the last events were for other
   * lanes): once the worker is live, an empty queue up to `position` means there is nothing left to do.
   * Events appended through the publishing store are queued in the same tick as their commit, so a
   * position read from the store is never ahead of the queue.
   */
  caughtUp(slot: SubscriberSlot, position: number): boolean {
    if (slot.rebuilding) return false;
    if (slot.position >= position) return true;
    if (!this.live) return false;
    for (let index = this.head; index < this.queue.length; index += 1) {
      const event = this.queue[index] as StoredEvent;
      if (event.position > position) break;
      if (event.position > slot.position && slot.accepts(event.type)) return false;
    }
    return true;
  }

  /** Calls `listener` after each step that may have moved a subscriber on, until `offProgress`. */
  onProgress(listener: () => void): void {
    this.progressListeners.add(listener);
  }

  offProgress(listener: () => void): void {
    this.progressListeners.delete(listener);
  }

  /** Lets waiters re-check; the dispatcher also calls it when a rebuild ends. */
  progressed(): void {
    for (const listener of [...this.progressListeners]) listener();
  }

  handlerStats(): HandlerStats[] {
    const idle = this.depth() === 0;
    return this.slots.map((slot) => ({
      name: slot.subscriber.name,
      lane: this.lane,
      position: slot.position,
      handled: slot.handled,
      failed: slot.failed,
      retried: slot.retried,
      parked: slot.parked,
      lag: idle ? 0 : Math.max(0, this.lastEnqueued - slot.position),
      p50Ms: slot.latency.quantile(0.5),
      p99Ms: slot.latency.quantile(0.99),
    }));
  }

  laneStats(): LaneStats {
    const handlers = this.handlerStats();
    const sum = (key: 'handled' | 'failed' | 'retried' | 'parked'): number => handlers.reduce((total, h) => total + h[key], 0);
    return {
      lane: this.lane,
      published: this.published,
      handled: sum('handled'),
      failed: sum('failed'),
      retried: sum('retried'),
      parked: sum('parked'),
      queueDepth: this.depth(),
      capacity: this.capacity,
      lag: handlers.reduce((max, h) => Math.max(max, h.lag), 0),
    };
  }

  /**
   * Reads what the subscribers missed while the process was down ("unprocessed event recovery"). A row
   * that cannot be decoded is parked for every subscriber still before it, and reading goes on after it.
   */
  private async catchUp(signal: AbortSignal, catchUpTo: number): Promise<void> {
    let from = this.slots.reduce((min, slot) => Math.min(min, slot.position), Number.POSITIVE_INFINITY) + 1;
    while (from <= catchUpTo && !signal.aborted) {
      const chunk: StoredEvent[] = [];
      let unreadable: unknown;
      // Reading and decoding a page is synchronous work too: it counts against the turn.
      if (this.mustYield()) await this.endTurn();
      if (signal.aborted) return;
      try {
        for (const event of this.context.store.readAll(from, Math.min(this.chunkSize, catchUpTo - from + 1))) chunk.push(event);
      } catch (error) {
        unreadable = error;
      }
      if (chunk.length > 0) {
        if (!(await this.processChunk(chunk, signal))) return;
        from = chunk[chunk.length - 1].position + 1;
        this.progressed();
      }
      if (unreadable === undefined) {
        if (chunk.length === 0) return;
        continue;
      }
      const position = (unreadable as { position?: unknown }).position;
      if (typeof position !== 'number' || position !== from) throw unreadable;
      await this.parkUnreadable(unreadable, position);
      from = position + 1;
    }
  }

  private async parkUnreadable(error: unknown, position: number): Promise<void> {
    const streamId = String((error as { streamId?: unknown }).streamId ?? '');
    const ref: ParkedEventRef = { position, eventId: '', streamId, type: String((error as { eventType?: unknown }).eventType ?? '') };
    for (const slot of this.slots) {
      if (slot.position >= position) continue;
      await this.park(slot, ref, error, 0);
    }
  }

  /** Delivers consecutive events to every subscriber; false when aborted before all of them finished. */
  private async processChunk(chunk: readonly StoredEvent[], signal: AbortSignal): Promise<boolean> {
    const last = chunk[chunk.length - 1].position;
    if (this.slots.length === 1) await this.deliverChunk(this.slots[0], chunk, last, signal);
    else {
      // Every subscriber settles before a failure ends the run: a restarted run must never deliver to a
      // subscriber that is still busy with this chunk.
      const outcomes = await Promise.allSettled(this.slots.map((slot) => this.deliverChunk(slot, chunk, last, signal)));
      const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
    return this.slots.every((slot) => slot.position >= last);
  }

  private async deliverChunk(slot: SubscriberSlot, chunk: readonly StoredEvent[], last: number, signal: AbortSignal): Promise<void> {
    if (slot.rebuilding) await slot.rebuilding;
    const wanted = chunk.filter((event) => event.position > slot.position && slot.accepts(event.type));
    if (wanted.length > 1 && slot.subscriber.handleBatch) {
      if (this.mustYield()) await this.endTurn();
      this.turnCalls += 1;
      if (signal.aborted) return;
      if (await this.deliverBatch(slot, wanted, last)) return;
    }
    const before = slot.position;
    let complete = true;
    for (const event of wanted) {
      if (this.mustYield()) await this.endTurn();
      this.turnCalls += 1;
      // Stopping between events: the rest of the chunk stays unprocessed and is delivered after the restart.
      if (signal.aborted) {
        complete = false;
        break;
      }
      await this.deliver(slot, event, signal);
      if (slot.position < event.position) {
        complete = false;
        break;
      }
    }
    if (complete) slot.advanceTo(last);
    // One checkpoint write per chunk (a parked event already moved it in the dead-letter transaction):
    // after a crash, a plain handler may see again at most the events of one chunk.
    if (!slot.subscriber.ownsCheckpoint && slot.position > before) await this.context.checkpoints.save(slot.subscriber.name, slot.position);
  }

  /** One call for the whole batch; false (nothing applied) when it failed and events must go one by one. */
  private async deliverBatch(slot: SubscriberSlot, events: readonly StoredEvent[], last: number): Promise<boolean> {
    const started = performance.now();
    try {
      await slot.subscriber.handleBatch?.(events, last);
    } catch {
      // The batch was all or nothing: its events are now retried one by one, each with its own retries,
      // so the one that fails is parked alone.
      slot.failed += 1;
      slot.retried += 1;
      return false;
    }
    slot.latency.record(performance.now() - started);
    if (!slot.subscriber.ownsCheckpoint) await this.context.checkpoints.save(slot.subscriber.name, last);
    slot.handled += events.length;
    slot.advanceTo(last);
    return true;
  }

  /** Whether this lane's turn is used up, so the event loop (and a higher lane with work) goes first. */
  private mustYield(): boolean {
    const elapsed = performance.now() - this.turnStart;
    if (this.context.higherLaneBusy(this.lane)) return this.turnCalls >= yieldingTurnCalls || elapsed >= yieldingTurnMs;
    return elapsed >= this.turnMs;
  }

  /** Lets the event loop in; callers check `mustYield` first, so the common case costs no extra await. */
  private async endTurn(): Promise<void> {
    await yieldToEventLoop();
    this.startTurn();
  }

  private startTurn(): void {
    this.turnStart = performance.now();
    this.turnCalls = 0;
  }

  private async deliver(slot: SubscriberSlot, event: StoredEvent, signal: AbortSignal): Promise<void> {
    if (slot.position >= event.position) return;
    const { retry } = this.context;
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        await slot.subscriber.handle(event);
        slot.latency.record(performance.now() - started);
        slot.advanceTo(event.position);
        slot.handled += 1;
        return;
      } catch (error) {
        slot.failed += 1;
        // On shutdown the event stays unprocessed; it is delivered again after the restart.
        if (signal.aborted) return;
        if (attempt >= retry.attempts) {
          await this.park(slot, event, error, attempt);
          return;
        }
        slot.retried += 1;
        await waitUnlessAborted(retry.delayAfter(attempt), signal);
        if (signal.aborted) return;
      }
    }
  }

  private async park(slot: SubscriberSlot, event: ParkedEventRef, error: unknown, attempts: number): Promise<void> {
    const message = errorMessage(error);
    const name = slot.subscriber.name;
    const id = await this.context.deadLetters.park(name, event, message, attempts);
    slot.advanceTo(event.position);
    slot.parked += 1;
    this.context.logger.error(`subscriber ${name} parked event ${event.eventId} at position ${event.position}: ${message}`, {
      subscriber: name,
      lane: this.lane,
      position: event.position,
      deadLetterId: id,
    });
    await this.context.parked(slot, event, id, attempts, message);
  }
}
