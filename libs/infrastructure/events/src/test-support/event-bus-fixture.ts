import { silentLogger, TaskManager } from '@trader/runtime';
import { DeadLetterStore } from '../bus/dead-letter-store';
import { LaneDispatcher } from '../bus/lane-dispatcher';
import { LaneDispatcherOptions } from '../bus/lane-dispatcher.options';
import { PublishingEventStore } from '../bus/publishing-event-store';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { TempEventDatabase, tempEventDatabase } from './temp-event-database';

/** The store, the lanes and the publishing store on a real temp database, with a real TaskManager. */
export interface EventBusFixture {
  readonly t: TempEventDatabase;
  readonly tasks: TaskManager;
  readonly checkpoints: CheckpointStore;
  readonly deadLetters: DeadLetterStore;
  readonly dispatcher: LaneDispatcher;
  readonly publishing: PublishingEventStore;
  /** Stops the lanes and the tasks, closes the database; keeps the files unless `remove`. */
  close(remove?: boolean): Promise<void>;
}

export function eventBusFixture(options: Partial<LaneDispatcherOptions> = {}, existing?: TempEventDatabase): EventBusFixture {
  const t = existing ?? tempEventDatabase();
  const now = (): number => t.clock.now();
  const tasks = new TaskManager(t.clock, silentLogger);
  const checkpoints = new CheckpointStore(t.db, now);
  const deadLetters = new DeadLetterStore(t.db, checkpoints, now);
  const dispatcher = new LaneDispatcher(t.store, checkpoints, deadLetters, tasks, {
    now,
    retry: { attempts: 3, baseDelayMs: 2, maxDelayMs: 5 },
    ...options,
  });
  const publishing = new PublishingEventStore(t.store, dispatcher);
  return {
    t,
    tasks,
    checkpoints,
    deadLetters,
    dispatcher,
    publishing,
    async close(remove = true) {
      await dispatcher.stop();
      await tasks.shutdown(1_000);
      if (remove) t.cleanup();
      else t.db.close();
    },
  };
}

/** A promise with its resolve function outside, to hold a handler until the test lets it go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
