import type { AppendOptions, NewEvent, StoredEvent } from '@trader/application';
import { errorMessage, silentLogger, TaskHandle, TaskManager } from '@trader/runtime';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { DeadLetter, ParkedEventRef } from './dead-letter';
import { DeadLetterStore } from './dead-letter-store';
import { CatchUpTimeoutError, DeadLetterNotFoundError, SubscriberRegistrationError, UnknownSubscriberError } from './event-bus.errors';
import { HandlerFailedData, handlerFailedStream, handlerFailedType } from './handler-failed';
import { Lane, lanes } from './lane';
import { LaneDispatcherOptions } from './lane-dispatcher.options';
import { DispatcherStats } from './lane-stats';
import { LaneWorker, LaneWorkerContext } from './lane-worker';
import { RetryOutcome } from './retry-outcome';
import { RetryPolicy } from './retry-policy';
import { SubscriberSlot } from './subscriber-slot';

/** How the dispatcher appends its own `HandlerFailed` events (through the publishing store). */
export type FailureAppender = (streamId: string, events: readonly NewEvent[], options?: AppendOptions) => Promise<unknown>;

/**
 * Delivers committed events to durable subscribers through five priority lanes. Each lane's worker
 * runs as a TaskManager task; subscribers resume from their checkpoints on start, failing handlers are
 * retried with back-off and then parked (dead-letter table + `HandlerFailed` event), and full lanes
 * refuse new appends with `BackpressureError` instead of dropping anything.
 */
export class LaneDispatcher {
  private readonly workers = new Map<Lane, LaneWorker>();
  private readonly slots = new Map<string, { slot: SubscriberSlot; worker: LaneWorker }>();
  private readonly retry: RetryPolicy;
  private readonly logger;
  private readonly capacity: number;
  private handles: TaskHandle[] = [];
  private started = false;
  private appendFailure: FailureAppender | undefined;

  constructor(
    private readonly store: SqliteEventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly deadLetters: DeadLetterStore,
    private readonly tasks: TaskManager,
    options: LaneDispatcherOptions,
  ) {
    this.retry = new RetryPolicy(options.retry);
    this.logger = options.logger ?? silentLogger;
    this.capacity = options.queueCapacity ?? 10_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new RangeError(`Lane capacity must be an integer >= 1, got ${this.capacity}`);
  }

  /** Where `HandlerFailed` events are appended; the publishing store sets itself here. */
  useFailureAppender(append: FailureAppender): void {
    this.appendFailure = append;
  }

  register(subscriber: EventSubscriber): void {
    if (this.started) throw new SubscriberRegistrationError(subscriber.name, 'the dispatcher has already started');
    if (this.slots.has(subscriber.name)) throw new SubscriberRegistrationError(subscriber.name, 'the name is already taken');
    if (!lanes.includes(subscriber.lane)) throw new SubscriberRegistrationError(subscriber.name, `unknown lane "${String(subscriber.lane)}"`);
    const worker = this.workerFor(subscriber.lane);
    const slot = new SubscriberSlot(subscriber, this.checkpoints.position(subscriber.name));
    worker.slots.push(slot);
    this.slots.set(subscriber.name, { slot, worker });
  }

  /**
   * Starts one task per lane. Each first catches up from its slowest checkpoint to the position
   * committed now, then takes live events: both happen in this tick, so no event falls between them.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const head = this.store.lastPosition();
    for (const worker of this.workers.values()) {
      if (worker.slots.length === 0) continue;
      this.handles.push(this.tasks.run(`events.lane.${worker.lane}`, 'event-bus', (signal) => worker.run(signal, head)));
    }
  }

  async stop(): Promise<void> {
    for (const handle of this.handles) handle.abort('event bus stopping');
    await Promise.all(this.handles.map((handle) => handle.done));
    this.handles = [];
  }

  /** Reserves lane room for events about to be appended; throws `BackpressureError` if a lane is full. */
  reserve(events: readonly { type: string }[]): () => void {
    const taken: [LaneWorker, number][] = [];
    try {
      for (const worker of this.workers.values()) {
        const count = events.reduce((n, e) => (worker.wants(e.type) ? n + 1 : n), 0);
        if (count === 0) continue;
        worker.reserve(count);
        taken.push([worker, count]);
      }
    } catch (error) {
      for (const [worker, count] of taken) worker.release(count);
      throw error;
    }
    return () => {
      for (const [worker, count] of taken) worker.release(count);
    };
  }

  /** Queues committed events, in position order, for every lane that has a subscriber for them. */
  deliver(committed: readonly StoredEvent[]): void {
    for (const event of committed) {
      for (const worker of this.workers.values()) {
        if (worker.wants(event.type)) worker.enqueue(event);
      }
    }
  }

  stats(): DispatcherStats {
    const workers = lanes.map((lane) => this.workers.get(lane)).filter((w): w is LaneWorker => w !== undefined);
    return { lanes: workers.map((w) => w.laneStats()), handlers: workers.flatMap((w) => w.handlerStats()) };
  }

  listParked(subscriber?: string): DeadLetter[] {
    return this.deadLetters.list(subscriber);
  }

  /** Runs the subscriber once more on a parked event; closes the letter when it succeeds. */
  async retryParked(id: number): Promise<RetryOutcome> {
    const letter = this.deadLetters.get(id);
    if (!letter || letter.status !== 'parked') throw new DeadLetterNotFoundError(id);
    const { slot } = this.slotOf(letter.subscriber);
    try {
      const [event] = [...this.store.readAll(letter.position, 1)];
      await slot.subscriber.handle(event);
    } catch (error) {
      await this.deadLetters.recordFailedRetry(id, errorMessage(error));
      return { id, status: 'still-parked', error: errorMessage(error) };
    }
    await this.deadLetters.closeAs(id, 'resolved');
    return { id, status: 'resolved' };
  }

  async discardParked(id: number): Promise<void> {
    if (!(await this.deadLetters.closeAs(id, 'discarded'))) throw new DeadLetterNotFoundError(id);
  }

  /**
   * Runs `work` (a projection rebuild) while deliveries to `subscriber` wait; afterwards the subscriber
   * continues from the position `work` returns.
   */
  async pauseWhile(subscriber: string, work: () => Promise<number>): Promise<number> {
    const { slot, worker } = this.slotOf(subscriber);
    let position = 0;
    const running = work().then((p) => {
      position = p;
    });
    slot.rebuilding = running.catch(() => undefined);
    try {
      await running;
    } finally {
      slot.rebuilding = undefined;
    }
    slot.position = position;
    worker.progressed();
    return position;
  }

  /**
   * Resolves once `subscriber` has handled every event it takes up to `position` (see
   * `LaneWorker.caughtUp`); rejects with `CatchUpTimeoutError` when that takes longer than `timeoutMs`.
   * Waiters are woken by the lane worker after each chunk, so waiting costs nothing meanwhile.
   */
  whenCaughtUp(subscriber: string, position: number, timeoutMs: number): Promise<void> {
    let found: { slot: SubscriberSlot; worker: LaneWorker };
    try {
      found = this.slotOf(subscriber);
    } catch (error) {
      return Promise.reject(error);
    }
    const { slot, worker } = found;
    if (worker.caughtUp(slot, position)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!worker.caughtUp(slot, position)) return;
        settle();
        resolve();
      };
      const timer = setTimeout(() => {
        settle();
        reject(new CatchUpTimeoutError(subscriber, position, slot.position, timeoutMs));
      }, timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        worker.offProgress(check);
      };
      worker.onProgress(check);
    });
  }

  private slotOf(subscriber: string): { slot: SubscriberSlot; worker: LaneWorker } {
    const found = this.slots.get(subscriber);
    if (!found) throw new UnknownSubscriberError(subscriber);
    return found;
  }

  private workerFor(lane: Lane): LaneWorker {
    let worker = this.workers.get(lane);
    if (!worker) {
      worker = new LaneWorker(lane, this.capacity, this.context());
      this.workers.set(lane, worker);
    }
    return worker;
  }

  private context(): LaneWorkerContext {
    return {
      store: this.store,
      checkpoints: this.checkpoints,
      deadLetters: this.deadLetters,
      retry: this.retry,
      logger: this.logger,
      higherLaneBusy: (lane) => {
        for (const other of lanes) {
          if (other === lane) return false;
          const worker = this.workers.get(other);
          if (worker && worker.depth() > 0) return true;
        }
        return false;
      },
      parked: (slot, event, deadLetterId, attempts, error) => this.recordFailure(slot, event, deadLetterId, attempts, error),
    };
  }

  /** Appends `HandlerFailed` (caused by the parked event). A failure of a `HandlerFailed` handler is only parked. */
  private async recordFailure(slot: SubscriberSlot, event: ParkedEventRef, deadLetterId: number, attempts: number, error: string): Promise<void> {
    if (!this.appendFailure || event.type === handlerFailedType) return;
    const data: HandlerFailedData = {
      subscriber: slot.subscriber.name,
      lane: slot.subscriber.lane,
      deadLetterId,
      position: event.position,
      eventId: event.eventId,
      eventType: event.type,
      streamId: event.streamId,
      attempts,
      error,
    };
    try {
      await this.appendFailure(handlerFailedStream(slot.subscriber.name), [
        {
          eventId: `handler-failed/${deadLetterId}`,
          type: handlerFailedType,
          data,
          metadata: event.eventId ? { causationId: event.eventId } : {},
        },
      ]);
    } catch (appendError) {
      // The dead letter is stored either way; this only loses the notification, and says so.
      this.logger.error(`could not append HandlerFailed for dead letter ${deadLetterId}: ${errorMessage(appendError)}`, {
        deadLetterId,
        subscriber: slot.subscriber.name,
      });
    }
  }
}
