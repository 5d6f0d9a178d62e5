import { Controller, Get, HttpCode, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { AppKernel, LoopGuard, TaskManager } from '@trader/runtime';
import type { ComponentStatus } from '@trader/runtime';
import { ApiExtraModels, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ADMIN_TOKEN } from '../admin/auth/admin-token';
import { Public } from '../admin/auth/public.decorator';
import { isAdminBearer } from '../admin/auth/token-check';
import { Secret } from '../config/secret';
import { HealthResponse, PublicHealthResponse } from './health.response';

/** The token decides which of the two the body is; `kernel` is there only with it. */
const healthSchema = { oneOf: [{ $ref: getSchemaPath(HealthResponse) }, { $ref: getSchemaPath(PublicHealthResponse) }] };

/**
 * Liveness and state of the process. Without the token it answers only up, degraded or down, and
 * whether this instance is the active one or a standby (for load balancers and probes); the
 * components, tasks and their `lastError` strings describe the insides of the trader and need the
 * admin token.
 */
@Public()
@ApiTags('health')
@ApiExtraModels(HealthResponse, PublicHealthResponse)
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly kernel: AppKernel,
    private readonly loopGuard: LoopGuard,
    private readonly tasks: TaskManager,
    @Inject(ADMIN_TOKEN) private readonly token: Secret,
  ) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'up or degraded: HealthResponse with the admin token, PublicHealthResponse without it', schema: healthSchema })
  @ApiServiceUnavailableResponse({ description: 'down (the same bodies)', schema: healthSchema })
  async health(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<HealthResponse | PublicHealthResponse> {
    const kernel = await this.kernel.checkHealth();
    // A standby's held-back components are registered on purpose: it is up, not degraded.
    const fine = (c: ComponentStatus): boolean => c.state === 'running' || (kernel.role === 'standby' && c.state === 'registered');
    const status = kernel.state !== 'running' ? 'down' : kernel.components.every(fine) ? 'up' : 'degraded';
    if (status === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    if (!isAdminBearer(request.headers.authorization, this.token)) return { status, role: kernel.role };
    return { status, role: kernel.role, kernel, loop: this.loopGuard.snapshot(), tasks: this.tasks.list() };
  }
}
