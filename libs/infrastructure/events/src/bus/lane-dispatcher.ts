import type { AppendOptions, NewEvent, StoredEvent } from '@trader/application';
import { errorMessage, silentLogger, TaskHandle, TaskManager } from '@trader/runtime';
import type { EventLog } from '../store/event-log';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { DeadLetter, ParkedEventRef } from './dead-letter';
import { DeadLetterStore } from './dead-letter-store';
import { CatchUpTimeoutError, DeadLetterNotFoundError, SubscriberRegistrationError, UnknownSubscriberError } from './event-bus.errors';
import { HandlerFailedData, handlerFailedStream, handlerFailedType } from './handler-failed';
import { Lane, lanes } from './lane';
import { LaneDispatcherOptions } from './lane-dispatcher.options';
import { DispatcherStats } from './lane-stats';
import { LaneStatus, LaneSupervisionListener } from './lane-supervision';
import { LaneWorker, LaneWorkerContext } from './lane-worker';
import { RetryOutcome } from './retry-outcome';
import { RetryPolicy } from './retry-policy';
import { SubscriberSlot } from './subscriber-slot';

/** How the dispatcher appends its own `HandlerFailed` events (through the publishing store). */
export type FailureAppender = (streamId: string, events: readonly NewEvent[], options?: AppendOptions) => Promise<unknown>;

/**
 * Delivers committed events to durable subscribers through five priority lanes. Each lane's worker
 * runs as a supervised TaskManager task; subscribers resume from their checkpoints on start, failing
 * handlers are retried with back-off and then parked (dead-letter table + `HandlerFailed` event), and
 * full lanes refuse new appends with `BackpressureError` instead of dropping anything. A worker that
 * fails itself (a store read, a checkpoint write, a bug) is restarted: the lane is down meanwhile (see
 * `watchLanes`), and the restarted worker catches up from the store so nothing is lost or repeated.
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
  private readonly now: () => number;
  private readonly restartBackoffMs: number;
  private readonly maxRestartBackoffMs: number;
  private readonly down = new Map<Lane, { since: number; error: string }>();
  private readonly restarts = new Map<Lane, { count: number; lastError: string }>();
  private readonly listeners = new Set<LaneSupervisionListener>();

  constructor(
    private readonly store: EventLog,
    private readonly checkpoints: CheckpointStore,
    private readonly deadLetters: DeadLetterStore,
    private readonly tasks: TaskManager,
    options: LaneDispatcherOptions,
  ) {
    this.retry = new RetryPolicy(options.retry);
    this.logger = options.logger ?? silentLogger;
    this.capacity = options.queueCapacity ?? 10_000;
    this.now = options.now;
    this.restartBackoffMs = options.restartBackoffMs ?? 200;
    this.maxRestartBackoffMs = options.maxRestartBackoffMs ?? 5_000;
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
   * Starts one supervised task per lane. Each first catches up from its slowest checkpoint to the
   * position committed now, then takes live events: both happen in this tick, so no event falls between
   * them. A worker that fails is restarted after a back-off; the restart drops its queue and catches up
   * from the store again to the position committed at that moment (again in one tick).
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const head = this.store.lastPosition();
    for (const worker of this.workers.values()) {
      if (worker.slots.length === 0) continue;
      let firstRun = true;
      const body = (signal: AbortSignal): Promise<void> => {
        let catchUpTo = head;
        if (!firstRun) {
          worker.dropQueue();
          catchUpTo = this.store.lastPosition();
        }
        firstRun = false;
        return worker.run(signal, catchUpTo, () => this.laneUp(worker.lane));
      };
      this.handles.push(
        this.tasks.supervise(`events.lane.${worker.lane}`, 'event-bus', body, {
          initialBackoffMs: this.restartBackoffMs,
          maxBackoffMs: this.maxRestartBackoffMs,
          onDown: (error) => this.laneDown(worker.lane, error),
        }),
      );
    }
  }

  /**
   * Tells `listener` whenever a lane goes down and comes back (the app halts trading while the
   * critical lane is down). A lane already down is reported at once. Returns the function that stops it.
   */
  async watchLanes(listener: LaneSupervisionListener): Promise<() => void> {
    this.listeners.add(listener);
    for (const [lane, { error }] of this.down) await listener.down(lane, error);
    return () => {
      this.listeners.delete(listener);
    };
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
    return { lanes: workers.map((w) => ({ ...w.laneStats(), ...this.laneStatus(w.lane) })), handlers: workers.flatMap((w) => w.handlerStats()) };
  }

  private laneStatus(lane: Lane): LaneStatus {
    const down = this.down.get(lane);
    const restarts = this.restarts.get(lane);
    return {
      state: down ? 'down' : 'up',
      restarts: restarts?.count ?? 0,
      ...(restarts ? { lastError: restarts.lastError } : {}),
      ...(down ? { downSince: down.since } : {}),
    };
  }

  /** The worker failed: the lane is down until a restarted worker has caught up. Listeners hear it once. */
  private async laneDown(lane: Lane, error: unknown): Promise<void> {
    const message = errorMessage(error);
    this.restarts.set(lane, { count: (this.restarts.get(lane)?.count ?? 0) + 1, lastError: message });
    if (this.down.has(lane)) return;
    this.down.set(lane, { since: this.now(), error: message });
    this.logger.error(`event lane ${lane} is down, restarting it: ${message}`, { lane });
    for (const listener of [...this.listeners]) await this.notify(lane, () => listener.down(lane, message));
  }

  /** A (re)started worker has caught up and takes live events. */
  private async laneUp(lane: Lane): Promise<void> {
    if (!this.down.delete(lane)) return;
    this.logger.info(`event lane ${lane} is up again`, { lane });
    for (const listener of [...this.listeners]) await this.notify(lane, () => listener.up(lane));
  }

  private async notify(lane: Lane, call: () => void | Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.logger.error(`a listener of event lane ${lane} failed: ${errorMessage(error)}`, { lane });
    }
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
