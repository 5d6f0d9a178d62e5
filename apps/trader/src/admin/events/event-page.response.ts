import type { EventPage } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';
import { StoredEventResponse } from './stored-event.response';

/** GET /api/v1/events: one page of the event log, oldest first. */
export class EventPageResponse implements EventPage {
  @ApiProperty({ type: [StoredEventResponse] })
  events!: StoredEventResponse[];

  @ApiProperty({ type: Number, nullable: true, description: 'pass as `from` for the next page; null when this page is the last', example: 101 })
  nextPosition!: number | null;
}
