import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { AppKernel, LoopGuard, TaskManager } from '@trader/runtime';
import { Public } from '../admin/auth/public.decorator';
import type { Response } from 'express';
import { HealthResponse } from './health.response';

/** Liveness and state of the process: the kernel's components, event-loop delay and background tasks. Needs no token. */
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly kernel: AppKernel,
    private readonly loopGuard: LoopGuard,
    private readonly tasks: TaskManager,
  ) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const kernel = await this.kernel.checkHealth();
    const status = kernel.state !== 'running' ? 'down' : kernel.components.every((c) => c.state === 'running') ? 'up' : 'degraded';
    if (status === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status, kernel, loop: this.loopGuard.snapshot(), tasks: this.tasks.list() };
  }
}
