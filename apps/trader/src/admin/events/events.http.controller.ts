import { GetEvents } from '@trader/application';
import type { EventPage } from '@trader/application';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { EventPageResponse } from './event-page.response';
import { ListEventsRequestDto } from './list-events.request.dto';

/** The event log, read-only: by stream, type, correlation id, time recorded or position, in pages. */
@ApiTags('events')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/events')
export class EventsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: EventPageResponse })
  @ApiProblemResponses(400)
  list(@Query() query: ListEventsRequestDto): Promise<EventPage> {
    return this.queries.execute(
      new GetEvents({
        ...(query.stream ? { streamId: query.stream } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.correlationId ? { correlationId: query.correlationId } : {}),
        ...(query.from ? { fromPosition: query.from } : {}),
        ...(query.since ? { recordedFrom: Date.parse(query.since) } : {}),
        ...(query.until ? { recordedBefore: Date.parse(query.until) } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.order === 'desc' ? { newestFirst: true } : {}),
      }),
    );
  }
}
