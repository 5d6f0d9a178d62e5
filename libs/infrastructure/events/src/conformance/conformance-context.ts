import { ManualClock } from '@trader/domain';
import { silentLogger, TaskManager } from '@trader/runtime';
import { EventStoreRuntime } from '../event-store-runtime';
import { EventStoreRuntimeOptions } from '../event-store-runtime.options';
import { StoreLocation, StoreLocationFactory } from './store-location';

/** What a conformance test may set on the runtimes it opens (the location and the clock are the test's). */
export type RuntimeOverrides = Partial<Omit<EventStoreRuntimeOptions, 'path' | 'account' | 'clock' | 'tasks'>>;

/**
 * The per-test state of the conformance suite: a fresh store location, a manual clock, and the
 * runtimes the test opened on it, all stopped after the test. Sections read it inside their tests
 * (it is filled in `beforeEach`).
 */
export class ConformanceContext {
  private current: StoreLocation | undefined;
  private readonly runtimes = new Map<EventStoreRuntime, TaskManager>();
  clock = new ManualClock(1_700_000_000_000);

  constructor(private readonly factory: StoreLocationFactory) {
    beforeEach(() => {
      this.clock = new ManualClock(1_700_000_000_000);
      this.current = this.factory();
    });
    afterEach(async () => {
      for (const runtime of [...this.runtimes.keys()]) await this.close(runtime);
      this.current?.dispose();
      this.current = undefined;
    });
  }

  get location(): StoreLocation {
    if (!this.current) throw new Error('the conformance location exists only inside a test');
    return this.current;
  }

  /** A runtime on this test's store, with fast retries (2-5 ms) so parking tests stay short. */
  open(overrides: RuntimeOverrides = {}): EventStoreRuntime {
    const tasks = new TaskManager(this.clock, silentLogger);
    const { path, account } = this.location;
    const runtime = new EventStoreRuntime({
      path,
      ...(account !== undefined ? { account } : {}),
      clock: this.clock,
      tasks,
      retry: { attempts: 3, baseDelayMs: 2, maxDelayMs: 5 },
      ...overrides,
    });
    this.runtimes.set(runtime, tasks);
    return runtime;
  }

  /** Stops a runtime (lanes, read models, connection) and its tasks: what a restart does first. */
  async close(runtime: EventStoreRuntime): Promise<void> {
    const tasks = this.runtimes.get(runtime);
    this.runtimes.delete(runtime);
    await runtime.stop();
    await tasks?.shutdown(1_000);
  }
}
