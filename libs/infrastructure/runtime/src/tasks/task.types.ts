export type TaskState = 'running' | 'waiting' | 'completed' | 'failed' | 'aborted';

/** What `TaskManager.list()` shows about one named task. */
export interface TaskInfo {
  name: string;
  owner: string;
  kind: 'once' | 'periodic';
  state: TaskState;
  /** Epoch ms of the first start of this task. */
  startedAt: number;
  runs: number;
  failures: number;
  lastError?: string;
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
