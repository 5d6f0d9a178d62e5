import type { ParkedEvent, ParkedRetryOutcome } from '@trader/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** An event a handler gave up on after its retries. */
export class ParkedEventResponse implements ParkedEvent {
  @ApiProperty({ example: 3 })
  id!: number;

  @ApiProperty({ example: 'order-execution', description: 'the handler that gave up' })
  subscriber!: string;

  @ApiProperty({ description: 'the event log position of the event' })
  position!: number;

  @ApiProperty()
  eventId!: string;

  @ApiProperty()
  streamId!: string;

  @ApiProperty({ example: 'OrderFilled' })
  eventType!: string;

  @ApiProperty({ description: 'the last error the handler threw' })
  error!: string;

  @ApiProperty({ example: 5 })
  attempts!: number;

  @ApiProperty({ enum: enumValues<ParkedEvent['status']>({ parked: true, resolved: true, discarded: true }), enumName: 'ParkedEventStatus' })
  status!: 'parked' | 'resolved' | 'discarded';

  @ApiProperty({ description: 'epoch ms' })
  parkedAt!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms it was resolved or discarded' })
  closedAt!: number | null;
}

/** What running the handler again did: resolved, or still parked with the new error. */
export class ParkedRetryOutcomeResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: enumValues<ParkedRetryOutcome['status']>({ resolved: true, 'still-parked': true }), enumName: 'ParkedRetryStatus' })
  status!: 'resolved' | 'still-parked';

  @ApiPropertyOptional({ description: 'the error of this attempt, when still parked' })
  error?: string;
}
