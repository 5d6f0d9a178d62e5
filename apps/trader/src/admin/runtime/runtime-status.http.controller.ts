import { AppKernel, LoopGuard, TaskManager } from '@trader/runtime';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { RuntimeStatusResponse } from './runtime-status.response';

/** The runtime in detail, for the operator: components, loop delay and violations, background tasks. */
@ApiTags('runtime')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/runtime')
export class RuntimeStatusHttpController {
  constructor(
    private readonly kernel: AppKernel,
    private readonly loopGuard: LoopGuard,
    private readonly tasks: TaskManager,
  ) {}

  @Get()
  @ApiOkResponse({ type: RuntimeStatusResponse })
  status(): RuntimeStatusResponse {
    return { kernel: this.kernel.status(), loop: { ...this.loopGuard.snapshot(), violationsRecent: this.loopGuard.violations() }, tasks: this.tasks.list() };
  }
}
