import { ApiProperty } from '@nestjs/swagger';
import type { InstanceRole } from '@trader/runtime';
import { KernelStatusResponse } from '../admin/runtime/kernel-status.response';
import { LoopDelayResponse } from '../admin/runtime/loop-delay.response';
import { TaskInfoResponse } from '../admin/runtime/task-info.response';
import { enumValues } from '../admin/openapi/enum-values';

export type HealthStatus = 'up' | 'degraded' | 'down';

/** What anyone who reaches the port may learn: up, degraded or down, and nothing that names a part. */
export class PublicHealthResponse {
  @ApiProperty({
    enum: enumValues<HealthStatus>({ up: true, degraded: true, down: true }),
    enumName: 'HealthStatus',
    description: 'down: the kernel is not running (503); degraded: a component is not running',
  })
  status!: HealthStatus;

  @ApiProperty({
    enum: enumValues<InstanceRole>({ active: true, standby: true }),
    enumName: 'InstanceRole',
    description: 'active: this instance trades its account; standby: another instance does (send writes there), this one takes over when it stops',
  })
  role!: InstanceRole;
}

/** With the admin token: the components, the loop delay and the tasks, with their last errors. */
export class HealthResponse extends PublicHealthResponse {
  @ApiProperty({ type: KernelStatusResponse })
  kernel!: KernelStatusResponse;

  @ApiProperty({ type: LoopDelayResponse })
  loop!: LoopDelayResponse;

  @ApiProperty({ type: [TaskInfoResponse] })
  tasks!: TaskInfoResponse[];
}
