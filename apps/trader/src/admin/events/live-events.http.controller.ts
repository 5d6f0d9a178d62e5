import { StoredEventMessage } from '@trader/events';
import { Controller, MessageEvent, Query, Sse } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { filter, map, Observable } from 'rxjs';

/**
 * Every event as it is committed, as server-sent events (one `data:` line of JSON per stored event).
 * It listens to the after-commit notifications of the event bus; a client that falls behind or
 * reconnects catches up with GET /api/v1/events?from=<last position + 1>.
 */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class LiveEventsHttpController {
  constructor(private readonly eventBus: EventBus) {}

  @Sse('live')
  @ApiQuery({ name: 'type', required: false, description: 'only events of this type' })
  live(@Query('type') type?: string): Observable<MessageEvent> {
    return this.eventBus.pipe(
      filter((message): message is StoredEventMessage => message instanceof StoredEventMessage),
      filter((message) => !type || message.event.type === type),
      map((message) => ({ id: String(message.event.position), type: message.event.type, data: message.event })),
    );
  }
}
