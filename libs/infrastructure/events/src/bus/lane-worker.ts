import type { StoredEvent } from '@trader/application';
import { BackpressureError } from '@trader/application';
import { errorMessage, RuntimeLogger, waitUnlessAborted } from '@trader/runtime';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../store/sqlite-event-store';
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
  readonly store: SqliteEventStore;
  readonly checkpoints: CheckpointStore;
  readonly deadLetters: DeadLetterStore;
  readonly retry: RetryPolicy;
  readonly logger: RuntimeLogger;
  /** True while a lane of higher priority has queued work: this lane then yields between events. */
  higherLaneBusy(lane: Lane): boolean;
  /** Called after an event was parked for a subscriber (appends `HandlerFailed`). */
  parked(slot: SubscriberSlot, event: ParkedEventRef, deadLetterId: number, attempts: number, error: string): Promise<void>;
}

/** Longest run of work before a worker lets timers and I/O in, in ms. */
const sliceMs = 5;
/** Most events taken from the queue at once (a batch for subscribers that handle batches). */
const chunkSize = 256;

/**
 * One lane: a bounded FIFO of committed events and one worker that delivers them, in position order,
 * to the lane's subscribers. The worker takes up to `chunkSize` queued events at a time; subscribers
 * run concurrently, each through the chunk in order (in one call if it handles batches). Events leave
 * the queue only after every subscriber has handled or parked them, so an abort loses nothing.
 */
export class LaneWorker {
  readonly slots: SubscriberSlot[] = [];
  private queue: (StoredEvent | undefined)[] = [];
  private head = 0;
  private reserved = 0;
  private published = 0;
  private lastEnqueued = 0;
  private wake: (() => void) | undefined;
  /** True once the worker has caught up from the store: from then on every committed event it wants is in its queue. */
  private live = false;
  private readonly progressListeners = new Set<() => void>();

  constructor(
    readonly lane: Lane,
    readonly capacity: number,
    private readonly context: LaneWorkerContext,
  ) {}

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

  /** Delivers stored events up to `catchUpTo` from the slowest checkpoint, then the live queue, until aborted. */
  async run(signal: AbortSignal, catchUpTo: number): Promise<void> {
    const onAbort = (): void => this.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      this.lastEnqueued = Math.max(this.lastEnqueued, catchUpTo);
      await this.catchUp(signal, catchUpTo);
      this.live = !signal.aborted;
      this.progressed();
      let sliceStart = performance.now();
      while (!signal.aborted) {
        if (this.depth() === 0) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = undefined;
          sliceStart = performance.now();
          continue;
        }
        if (this.context.higherLaneBusy(this.lane) || performance.now() - sliceStart > sliceMs) {
          await yieldToEventLoop();
          sliceStart = performance.now();
          if (signal.aborted) break;
        }
        const chunk = this.queue.slice(this.head, this.head + chunkSize) as StoredEvent[];
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
      try {
        for (const event of this.context.store.readAll(from, Math.min(chunkSize, catchUpTo - from + 1))) chunk.push(event);
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
    else await Promise.all(this.slots.map((slot) => this.deliverChunk(slot, chunk, last, signal)));
    return this.slots.every((slot) => slot.position >= last);
  }

  private async deliverChunk(slot: SubscriberSlot, chunk: readonly StoredEvent[], last: number, signal: AbortSignal): Promise<void> {
    if (slot.rebuilding) await slot.rebuilding;
    const wanted = chunk.filter((event) => event.position > slot.position && slot.accepts(event.type));
    if (wanted.length > 1 && slot.subscriber.handleBatch && (await this.deliverBatch(slot, wanted, last))) return;
    const before = slot.position;
    let complete = true;
    for (const event of wanted) {
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
