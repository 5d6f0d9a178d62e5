import { GetEvents } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsResponse } from '../errors/problem-details.response';
import { EventPageResponse } from './event-page.response';
import { ListEventsRequestDto } from './list-events.request.dto';

/** The event log, read-only: by stream, type, correlation id, time recorded or position, in pages. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: EventPageResponse })
  @ApiBadRequestResponse({ type: ProblemDetailsResponse, description: '`errors` names each wrong filter' })
  list(@Query() query: ListEventsRequestDto): Promise<{ events: StoredEvent[]; nextPosition: number | null }> {
    return this.queries.execute(
      new GetEvents({
        ...(query.stream ? { streamId: query.stream } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.correlationId ? { correlationId: query.correlationId } : {}),
        ...(query.from ? { fromPosition: query.from } : {}),
        ...(query.since ? { recordedFrom: Date.parse(query.since) } : {}),
        ...(query.until ? { recordedBefore: Date.parse(query.until) } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
    );
  }
}
