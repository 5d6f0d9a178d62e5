import { Controller, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { LiveEventFeed } from './live-event-feed';
import { StoredEventResponse } from './stored-event.response';
import { map, Observable } from 'rxjs';

/**
 * Every event as it is committed, as server-sent events (one `data:` line of JSON per stored event):
 * the after-commit notifications of this process, and on a standby the active instance's events as it
 * follows them (`LiveEventFeed`). A client that falls behind or reconnects catches up with
 * GET /api/v1/events?from=<last position + 1>.
 */
@ApiTags('events')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/events')
export class LiveEventsHttpController {
  constructor(private readonly feed: LiveEventFeed) {}

  @Sse('live')
  @ApiProduces('text/event-stream')
  @ApiExtraModels(StoredEventResponse)
  @ApiOkResponse({
    description: [
      'Server-sent events, one per event as it is committed, never ending:',
      '`event:` its type (e.g. OrderFilled), `id:` its position, `data:` one line of JSON, a StoredEventResponse',
      '(the shape of the items of GET /api/v1/events). A client that falls behind or reconnects catches up with',
      'GET /api/v1/events?from=<last id + 1>. EventSource cannot send the bearer token: read the stream with fetch.',
    ].join(' '),
    content: { 'text/event-stream': { schema: { type: 'string', example: 'event: OrderSubmitted\nid: 8\ndata: {"position":8,"streamId":"order-…","type":"OrderSubmitted",…}\n\n' } } },
  })
  @ApiQuery({ name: 'type', required: false, description: 'only events of this type' })
  live(@Query('type') type?: string): Observable<MessageEvent> {
    return this.feed.events(type).pipe(map((event) => ({ id: String(event.position), type: event.type, data: event })));
  }
}
