import { DiscardParkedEvent, GetParkedEvents, RetryParkedEvent } from '@trader/application';
import type { ParkedEvent, ParkedRetryOutcome } from '@trader/application';
import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { ParkedEventResponse, ParkedRetryOutcomeResponse } from './dead-letters.response';
import { idParam } from '../validation/path-params';

/** Events handlers gave up on after their retries: list them, run the handler again, or discard them. */
@ApiTags('dead letters')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/dead-letters')
export class DeadLettersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ParkedEventResponse], description: 'the events still parked, oldest first' })
  @ApiQuery({ name: 'subscriber', required: false })
  list(@Query('subscriber') subscriber?: string): Promise<ParkedEvent[]> {
    return this.queries.execute(new GetParkedEvents(subscriber));
  }

  @Post(':id/retry')
  @ApiCreatedResponse({ type: ParkedRetryOutcomeResponse })
  @ApiProblemResponse(400, 'the id is not a number')
  @ApiProblemResponse(404, 'no parked event with this id (`EVENT_BUS_DEAD_LETTER_NOT_FOUND`)')
  retry(@Param('id', idParam('id')) id: number): Promise<ParkedRetryOutcome> {
    return this.commands.execute(new RetryParkedEvent(id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'discarded' })
  @ApiProblemResponse(400, 'the id is not a number')
  @ApiProblemResponse(404, 'no parked event with this id (`EVENT_BUS_DEAD_LETTER_NOT_FOUND`)')
  async discard(@Param('id', idParam('id')) id: number): Promise<void> {
    await this.commands.execute(new DiscardParkedEvent(id));
  }
}
