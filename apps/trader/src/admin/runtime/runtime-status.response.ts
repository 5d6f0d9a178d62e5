import { ApiProperty } from '@nestjs/swagger';
import { KernelStatusResponse } from './kernel-status.response';
import { LoopDelayResponse, LoopViolationResponse } from './loop-delay.response';
import { TaskInfoResponse } from './task-info.response';

/** The loop delay with the violations the guard keeps (the latest 100). */
export class RuntimeLoopResponse extends LoopDelayResponse {
  @ApiProperty({ type: [LoopViolationResponse] })
  violationsRecent!: LoopViolationResponse[];
}

/** GET /api/v1/runtime: components, loop delay and violations, background tasks. */
export class RuntimeStatusResponse {
  @ApiProperty({ type: KernelStatusResponse })
  kernel!: KernelStatusResponse;

  @ApiProperty({ type: RuntimeLoopResponse })
  loop!: RuntimeLoopResponse;

  @ApiProperty({ type: [TaskInfoResponse] })
  tasks!: TaskInfoResponse[];
}
