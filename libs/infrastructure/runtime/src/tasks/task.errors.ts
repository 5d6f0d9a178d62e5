/** A task with this name is still running: names identify tasks in logs and stats, so they are unique. */
export class TaskAlreadyRunningError extends Error {
  readonly code = 'TASK_ALREADY_RUNNING';

  constructor(readonly taskName: string) {
    super(`A task named "${taskName}" is already running`);
    this.name = 'TaskAlreadyRunningError';
  }
}

/** The task manager is shutting down and accepts no new work. */
export class TaskManagerClosedError extends Error {
  readonly code = 'TASK_MANAGER_CLOSED';

  constructor(readonly taskName: string) {
    super(`Task "${taskName}" refused: the task manager is shut down`);
    this.name = 'TaskManagerClosedError';
  }
}

/** A periodic task needs a positive, finite interval. */
export class InvalidTaskIntervalError extends Error {
  readonly code = 'TASK_INTERVAL_INVALID';

  constructor(
    readonly taskName: string,
    readonly intervalMs: number,
  ) {
    super(`Task "${taskName}" needs a positive finite interval in ms, got ${intervalMs}`);
    this.name = 'InvalidTaskIntervalError';
  }
}
