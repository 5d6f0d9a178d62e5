export type TaskState = 'running' | 'waiting' | 'completed' | 'failed' | 'aborted';

/** What `TaskManager.list()` shows about one named task. */
export interface TaskInfo {
  name: string;
  owner: string;
  kind: 'once' | 'periodic' | 'supervised';
  state: TaskState;
  /** Epoch ms of the first start of this task. */
  startedAt: number;
  runs: number;
  failures: number;
  lastError?: string;
  /** Supervised tasks: how often the task was restarted after it failed or ended on its own. */
  restarts?: number;
  /** Items (messages) whose handling failed while the task itself went on. */
  itemFailures?: number;
}

/** How a supervised task is restarted, and who hears about it going down and up again. */
export interface SuperviseOptions {
  /** First pause before a restart; doubled after each quick failure up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** The task stopped (failed, or ended without being stopped) and waits to be restarted. */
  readonly onDown?: (error: unknown) => void | Promise<void>;
  /** The task started again after being down. */
  readonly onUp?: () => void | Promise<void>;
}

/** A running task: `done` settles (never rejects) when the task has stopped. */
export interface TaskHandle {
  readonly name: string;
  readonly done: Promise<void>;
  abort(reason?: string): void;
}

export interface ShutdownReport {
  stopped: string[];
  /** Tasks still running when the time-out expired. */
  timedOut: { name: string; owner: string }[];
}

export type TaskBody = (signal: AbortSignal) => Promise<void>;
export type PeriodicBody = (signal: AbortSignal) => Promise<void> | void;
