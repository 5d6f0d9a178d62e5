import type { KernelStatus, LoopDelaySnapshot, TaskInfo } from '@trader/runtime';

export interface HealthResponse {
  status: 'up' | 'degraded' | 'down';
  kernel: KernelStatus;
  loop: LoopDelaySnapshot;
  tasks: TaskInfo[];
}
