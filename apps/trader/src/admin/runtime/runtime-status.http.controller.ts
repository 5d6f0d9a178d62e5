import { Controller, Get } from '@nestjs/common';
import { AppKernel, KernelStatus, LoopDelaySnapshot, LoopGuard, TaskInfo, TaskManager } from '@trader/runtime';

export interface RuntimeStatusResponse {
  kernel: KernelStatus;
  loop: LoopDelaySnapshot & { violationsRecent: ReturnType<LoopGuard['violations']> };
  tasks: TaskInfo[];
}

/** The runtime in detail, for the operator: components, loop delay and violations, background tasks. */
@Controller('api/v1/runtime')
export class RuntimeStatusHttpController {
  constructor(
    private readonly kernel: AppKernel,
    private readonly loopGuard: LoopGuard,
    private readonly tasks: TaskManager,
  ) {}

  @Get()
  status(): RuntimeStatusResponse {
    return { kernel: this.kernel.status(), loop: { ...this.loopGuard.snapshot(), violationsRecent: this.loopGuard.violations() }, tasks: this.tasks.list() };
  }
}
