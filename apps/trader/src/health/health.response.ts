import type { KernelStatus, LoopDelaySnapshot, TaskInfo } from '@trader/runtime';

export type HealthStatus = 'up' | 'degraded' | 'down';

/** What anyone who reaches the port may learn: up, degraded or down, and nothing that names a part. */
export interface PublicHealthResponse {
  status: HealthStatus;
}

/** With the admin token: the components, the loop delay and the tasks, with their last errors. */
export interface HealthResponse extends PublicHealthResponse {
  kernel: KernelStatus;
  loop: LoopDelaySnapshot;
  tasks: TaskInfo[];
}
