import type { Clock } from '@trader/domain';
import { errorMessage } from '../logging/error-message';
import { RuntimeLogger } from '../logging/runtime-logger';
import { waitUnlessAborted } from './wait-unless-aborted';
import { InvalidTaskIntervalError, TaskAlreadyRunningError, TaskManagerClosedError } from './task.errors';
import { PeriodicBody, ShutdownReport, SuperviseOptions, TaskBody, TaskHandle, TaskInfo } from './task.types';

interface TrackedTask {
  info: TaskInfo;
  controller: AbortController;
  done: Promise<void>;
}

export type TaskFailureListener = (task: TaskInfo, error: unknown) => void;

/**
 * Runs every background job of the process under a name and an owner. Nothing runs fire-and-forget:
 * each task gets an AbortSignal, is tracked until it settles, and has its failures logged and counted
 * under its name. `shutdown` aborts everything and reports what did not stop in time.
 */
export class TaskManager {
  private readonly tasks = new Map<string, TrackedTask>();
  private readonly failureListeners: TaskFailureListener[] = [];
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: RuntimeLogger,
  ) {}

  /** Runs `body` once. A failure is logged and counted; `done` still resolves. */
  run(name: string, owner: string, body: TaskBody): TaskHandle {
    const task = this.track(name, owner, 'once');
    task.info.runs += 1;
    task.done = this.execute(task, body).then((outcome) => {
      if (task.info.state === 'running') task.info.state = outcome;
    });
    return this.handle(task);
  }

  /**
   * Runs `body` every `intervalMs`, measured from the end of one run to the start of the next, so runs
   * never overlap. A failing run is logged and counted and the schedule goes on.
   */
  every(name: string, owner: string, intervalMs: number, body: PeriodicBody): TaskHandle {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new InvalidTaskIntervalError(name, intervalMs);
    const task = this.track(name, owner, 'periodic');
    task.info.state = 'waiting';
    const { signal } = task.controller;
    task.done = new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        task.info.state = 'aborted';
        resolve();
      };
      const schedule = (): void => {
        timer = setTimeout(() => {
          timer = undefined;
          task.info.runs += 1;
          task.info.state = 'running';
          signal.removeEventListener('abort', finish);
          void this.execute(task, async (s) => body(s)).then(() => {
            if (signal.aborted) {
              task.info.state = 'aborted';
              resolve();
              return;
            }
            task.info.state = 'waiting';
            signal.addEventListener('abort', finish, { once: true });
            schedule();
          });
        }, intervalMs);
      };
      signal.addEventListener('abort', finish, { once: true });
      schedule();
    });
    return this.handle(task);
  }

  /**
   * Runs `body` and restarts it whenever it fails or ends without being stopped (a stream loop whose
   * stream was cut off), after a back-off that doubles on quick failures, until the task is aborted.
   * `onDown` and `onUp` let the owner hold back what depends on the loop while it is down.
   */
  supervise(name: string, owner: string, body: TaskBody, options: SuperviseOptions = {}): TaskHandle {
    const initial = options.initialBackoffMs ?? 500;
    const max = options.maxBackoffMs ?? 30_000;
    const task = this.track(name, owner, 'supervised');
    task.info.restarts = task.info.restarts ?? 0;
    const { signal } = task.controller;
    task.done = (async () => {
      let backoff = initial;
      let down = false;
      while (!signal.aborted) {
        task.info.runs += 1;
        task.info.state = 'running';
        if (down) {
          down = false;
          await this.notify(task, () => options.onUp?.());
        }
        const startedAt = this.clock.now();
        const outcome = await this.execute(task, body);
        if (signal.aborted || outcome === 'aborted') break;
        if (outcome === 'completed') {
          task.info.lastError = 'ended without being stopped';
          this.logger.warn(`task ${name} (owner ${owner}) ended without being stopped; restarting`, { task: name, owner });
        }
        down = true;
        task.info.restarts = (task.info.restarts ?? 0) + 1;
        task.info.state = 'waiting';
        await this.notify(task, () => options.onDown?.(new Error(task.info.lastError ?? 'task stopped')));
        // A run that lasted longer than the longest pause was healthy: start the back-off over.
        if (this.clock.now() - startedAt > max) backoff = initial;
        await waitUnlessAborted(backoff, signal);
        backoff = Math.min(backoff * 2, max);
      }
      task.info.state = 'aborted';
    })();
    return this.handle(task);
  }

  /** Counts a failure to handle one item (a message) of a task that goes on, and keeps its error. */
  noteItemFailure(name: string, error: unknown): void {
    const task = this.tasks.get(name);
    if (!task) return;
    task.info.itemFailures = (task.info.itemFailures ?? 0) + 1;
    task.info.lastError = errorMessage(error);
  }

  /** Called with the task and the error each time a task fails, after it has been logged and counted. */
  onFailure(listener: TaskFailureListener): void {
    this.failureListeners.push(listener);
  }

  /**
   * Drops a settled task from the list (its name, counters and last error): for owners that run one
   * task per job and keep only a bounded history of jobs. A task still active is kept; returns whether
   * one was dropped.
   */
  forget(name: string): boolean {
    const task = this.tasks.get(name);
    if (!task || isActive(task.info)) return false;
    return this.tasks.delete(name);
  }

  list(): TaskInfo[] {
    return [...this.tasks.values()].map((t) => ({ ...t.info }));
  }

  /** Aborts every task, waits up to `timeoutMs` for them to settle, and names the ones that did not. */
  async shutdown(timeoutMs: number): Promise<ShutdownReport> {
    this.closed = true;
    const active = [...this.tasks.values()].filter((t) => isActive(t.info));
    for (const task of active) task.controller.abort(new Error('task manager shutting down'));
    const settled = new Set<string>();
    const all = Promise.all(active.map((t) => t.done.then(() => settled.add(t.info.name))));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    const timedOut = active.filter((t) => !settled.has(t.info.name)).map((t) => ({ name: t.info.name, owner: t.info.owner }));
    for (const task of timedOut) {
      this.logger.error(`task ${task.name} (owner ${task.owner}) did not stop within ${timeoutMs} ms`, { ...task });
    }
    return { stopped: active.filter((t) => settled.has(t.info.name)).map((t) => t.info.name), timedOut };
  }

  private track(name: string, owner: string, kind: TaskInfo['kind']): TrackedTask {
    if (this.closed) throw new TaskManagerClosedError(name);
    const existing = this.tasks.get(name);
    if (existing && isActive(existing.info)) throw new TaskAlreadyRunningError(name);
    const task: TrackedTask = {
      info: {
        name,
        owner,
        kind,
        state: 'running',
        startedAt: existing?.info.startedAt ?? this.clock.now(),
        runs: existing?.info.runs ?? 0,
        failures: existing?.info.failures ?? 0,
        ...(existing?.info.lastError !== undefined ? { lastError: existing.info.lastError } : {}),
      },
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    this.tasks.set(name, task);
    return task;
  }

  /** Runs one body to completion and records how it ended; never rejects. */
  private async execute(task: TrackedTask, body: TaskBody): Promise<'completed' | 'failed' | 'aborted'> {
    const { signal } = task.controller;
    try {
      await body(signal);
      return signal.aborted ? 'aborted' : 'completed';
    } catch (error) {
      if (signal.aborted) {
        // Errors raised while winding down after an abort (a closed socket, an AbortError) are how
        // aborts surface; they are reported, but they are not failures of the task.
        this.logger.warn(`task ${task.info.name} (owner ${task.info.owner}) ended on abort: ${errorMessage(error)}`, {
          task: task.info.name,
          owner: task.info.owner,
        });
        return 'aborted';
      }
      task.info.failures += 1;
      task.info.lastError = errorMessage(error);
      this.logger.error(`task ${task.info.name} (owner ${task.info.owner}) failed: ${task.info.lastError}`, {
        task: task.info.name,
        owner: task.info.owner,
        failures: task.info.failures,
      });
      for (const listener of this.failureListeners) listener({ ...task.info }, error);
      return task.info.kind === 'periodic' ? 'completed' : 'failed';
    }
  }

  /** Runs an owner's down/up hook; a failing hook is logged, never allowed to stop the supervisor. */
  private async notify(task: TrackedTask, hook: () => void | Promise<void>): Promise<void> {
    try {
      await hook();
    } catch (error) {
      this.logger.error(`task ${task.info.name}: its supervision hook failed: ${errorMessage(error)}`, { task: task.info.name });
    }
  }

  private handle(task: TrackedTask): TaskHandle {
    return {
      name: task.info.name,
      get done() {
        return task.done;
      },
      abort: (reason?: string) => task.controller.abort(new Error(reason ?? `task ${task.info.name} aborted`)),
    };
  }
}

function isActive(info: TaskInfo): boolean {
  return info.state === 'running' || info.state === 'waiting';
}
