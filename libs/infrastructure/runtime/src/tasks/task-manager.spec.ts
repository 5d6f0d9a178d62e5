import { ManualClock } from '@trader/domain';
import { RuntimeLogger } from '../logging/runtime-logger';
import { InvalidTaskIntervalError, TaskAlreadyRunningError, TaskManagerClosedError } from './task.errors';
import { TaskManager } from './task-manager';
import { taskManagerComponent } from './task-manager.component';

function capturingLogger(): RuntimeLogger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits until `signal` aborts: what a well-behaved long-running task does. */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

describe('TaskManager', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('tracks a one-shot task until it settles', async () => {
    const clock = new ManualClock(5_000);
    const tasks = new TaskManager(clock, capturingLogger());
    const gate = deferred();
    const handle = tasks.run('load-markets', 'market-data', () => gate.promise);

    expect(tasks.list()).toEqual([
      { name: 'load-markets', owner: 'market-data', kind: 'once', state: 'running', startedAt: 5_000, runs: 1, failures: 0 },
    ]);
    gate.resolve();
    await handle.done;
    expect(tasks.list()[0]).toEqual(expect.objectContaining({ state: 'completed', runs: 1, failures: 0 }));
  });

  it('logs and counts a failure under the task name, and tells failure listeners', async () => {
    const logger = capturingLogger();
    const tasks = new TaskManager(new ManualClock(), logger);
    const seen: string[] = [];
    tasks.onFailure((task, error) => seen.push(`${task.name}: ${(error as Error).message}`));

    await tasks.run('reconcile', 'orders', () => Promise.reject(new Error('exchange unreachable'))).done;

    expect(tasks.list()[0]).toEqual(
      expect.objectContaining({ name: 'reconcile', state: 'failed', failures: 1, lastError: 'exchange unreachable' }),
    );
    expect(logger.errors).toEqual(['task reconcile (owner orders) failed: exchange unreachable']);
    expect(seen).toEqual(['reconcile: exchange unreachable']);
  });

  it('forgets a settled task on request, never one still running', async () => {
    const tasks = new TaskManager(new ManualClock(), capturingLogger());
    const gate = deferred();
    const job = tasks.run('backtest-1', 'backtests', () => gate.promise);
    expect(tasks.forget('backtest-1')).toBe(false);
    gate.resolve();
    await job.done;
    expect(tasks.forget('backtest-1')).toBe(true);
    expect(tasks.forget('backtest-1')).toBe(false);
    expect(tasks.list()).toEqual([]);
  });

  it('refuses a second task with the name of one still running, and allows it again once settled', async () => {
    const tasks = new TaskManager(new ManualClock(), capturingLogger());
    const gate = deferred();
    const first = tasks.run('sync', 'owner', () => gate.promise);
    expect(() => tasks.run('sync', 'owner', () => Promise.resolve())).toThrow(TaskAlreadyRunningError);
    gate.resolve();
    await first.done;
    await tasks.run('sync', 'owner', () => Promise.resolve()).done;
    expect(tasks.list()[0]).toEqual(expect.objectContaining({ runs: 2, state: 'completed' }));
  });

  it('runs a periodic job on its interval without ever overlapping two runs', async () => {
    const tasks = new TaskManager(new ManualClock(), capturingLogger());
    let concurrent = 0;
    let maxConcurrent = 0;
    const gates: Array<() => void> = [];
    tasks.every('poll-orders', 'orders', 1_000, async () => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise<void>((resolve) => gates.push(resolve));
      concurrent -= 1;
    });

    await jest.advanceTimersByTimeAsync(999);
    expect(tasks.list()[0]?.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(tasks.list()[0]).toEqual(expect.objectContaining({ runs: 1, state: 'running' }));

    // The first run is still going: ten intervals pass and no second run starts.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(tasks.list()[0]?.runs).toBe(1);

    gates.shift()?.();
    await jest.advanceTimersByTimeAsync(0);
    expect(tasks.list()[0]?.state).toBe('waiting');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(tasks.list()[0]?.runs).toBe(2);
    expect(maxConcurrent).toBe(1);
    gates.shift()?.();
    await tasks.shutdown(100);
  });

  it('keeps a periodic job on schedule after a failing run, counting each failure', async () => {
    const logger = capturingLogger();
    const tasks = new TaskManager(new ManualClock(), logger);
    let run = 0;
    tasks.every('heartbeat', 'runtime', 100, () => {
      run += 1;
      if (run % 2 === 1) throw new Error(`beat ${run} lost`);
    });

    await jest.advanceTimersByTimeAsync(400);
    expect(tasks.list()[0]).toEqual(expect.objectContaining({ runs: 4, failures: 2, lastError: 'beat 3 lost', state: 'waiting' }));
    expect(logger.errors).toEqual([
      'task heartbeat (owner runtime) failed: beat 1 lost',
      'task heartbeat (owner runtime) failed: beat 3 lost',
    ]);
    await tasks.shutdown(100);
  });

  it('aborts every task on shutdown, waits for them, and refuses new work afterwards', async () => {
    const tasks = new TaskManager(new ManualClock(), capturingLogger());
    const stream = tasks.run('ws-reader', 'upbit', untilAborted);
    tasks.every('poll', 'orders', 1_000, () => undefined);

    const report = await tasks.shutdown(1_000);
    await stream.done;
    expect(report).toEqual({ stopped: ['ws-reader', 'poll'], timedOut: [] });
    expect(tasks.list().map((t) => t.state)).toEqual(['aborted', 'aborted']);
    expect(tasks.list().every((t) => t.failures === 0)).toBe(true);
    expect(() => tasks.run('late', 'someone', () => Promise.resolve())).toThrow(TaskManagerClosedError);
  });

  it('reports the tasks that ignore the abort and do not stop within the time-out', async () => {
    const logger = capturingLogger();
    const tasks = new TaskManager(new ManualClock(), logger);
    const stubborn = deferred();
    tasks.run('stubborn', 'legacy', () => stubborn.promise);
    tasks.run('polite', 'upbit', untilAborted);

    const shutdown = tasks.shutdown(2_000);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(await shutdown).toEqual({ stopped: ['polite'], timedOut: [{ name: 'stubborn', owner: 'legacy' }] });
    expect(logger.errors).toEqual(['task stubborn (owner legacy) did not stop within 2000 ms']);
    stubborn.resolve();
  });

  it('refuses a periodic job without a positive finite interval', () => {
    const tasks = new TaskManager(new ManualClock(), capturingLogger());
    expect(() => tasks.every('bad', 'x', 0, () => undefined)).toThrow(InvalidTaskIntervalError);
    expect(() => tasks.every('bad', 'x', Number.NaN, () => undefined)).toThrow(InvalidTaskIntervalError);
    expect(tasks.list()).toEqual([]);
  });

  describe('supervised tasks', () => {
    it('restarts a task that fails, with a back-off that doubles, telling the owner it went down and came back', async () => {
      const logger = capturingLogger();
      const tasks = new TaskManager(new ManualClock(), logger);
      const events: string[] = [];
      let runs = 0;
      const handle = tasks.supervise(
        'my-orders',
        'trading',
        async (signal) => {
          runs += 1;
          if (runs <= 2) throw new Error(`socket closed ${runs}`);
          await untilAborted(signal);
        },
        { initialBackoffMs: 100, onDown: (e) => void events.push(`down: ${(e as Error).message}`), onUp: () => void events.push('up') },
      );
      await jest.advanceTimersByTimeAsync(99);
      expect(runs).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(runs).toBe(2);
      await jest.advanceTimersByTimeAsync(199);
      expect(runs).toBe(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(runs).toBe(3);
      expect(events).toEqual(['down: socket closed 1', 'up', 'down: socket closed 2', 'up']);
      expect(tasks.list()[0]).toEqual(expect.objectContaining({ kind: 'supervised', state: 'running', restarts: 2, failures: 2, lastError: 'socket closed 2' }));

      handle.abort();
      await handle.done;
      expect(tasks.list()[0]).toEqual(expect.objectContaining({ state: 'aborted', restarts: 2 }));
    });

    it('restarts a loop that ends without being stopped (its stream was cut off)', async () => {
      const tasks = new TaskManager(new ManualClock(), capturingLogger());
      let runs = 0;
      const handle = tasks.supervise('trades', 'trading', async (signal) => {
        runs += 1;
        if (runs === 1) return;
        await untilAborted(signal);
      }, { initialBackoffMs: 50 });
      await jest.advanceTimersByTimeAsync(50);
      expect(runs).toBe(2);
      expect(tasks.list()[0]).toEqual(expect.objectContaining({ restarts: 1, lastError: 'ended without being stopped' }));
      handle.abort();
      await handle.done;
    });

    it('reports the task manager degraded while a supervised loop waits to be restarted, and up once it runs again', async () => {
      const tasks = new TaskManager(new ManualClock(), capturingLogger());
      const component = taskManagerComponent(tasks, capturingLogger(), 1_000);
      let runs = 0;
      const handle = tasks.supervise('my-orders', 'trading', async (signal) => {
        runs += 1;
        if (runs === 1) throw new Error('socket closed');
        await untilAborted(signal);
      }, { initialBackoffMs: 100 });
      await jest.advanceTimersByTimeAsync(1);
      expect(component.health?.()).toEqual({ status: 'degraded', detail: 'restarting tasks: my-orders' });
      await jest.advanceTimersByTimeAsync(100);
      expect(component.health?.()).toEqual({ status: 'up' });
      handle.abort();
      await handle.done;
    });

    it('counts a failure to handle one item while the task goes on', () => {
      const tasks = new TaskManager(new ManualClock(), capturingLogger());
      const gate = deferred();
      tasks.run('my-orders', 'trading', () => gate.promise);
      tasks.noteItemFailure('my-orders', new Error('order o-1: conflict'));
      expect(tasks.list()[0]).toEqual(expect.objectContaining({ state: 'running', itemFailures: 1, lastError: 'order o-1: conflict' }));
      gate.resolve();
    });
  });
});
