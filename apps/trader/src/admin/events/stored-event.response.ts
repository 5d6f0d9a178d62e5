import type { EventMetadata, StoredEvent } from '@trader/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventMetadataResponse implements EventMetadata {
  @ApiPropertyOptional({ description: 'the chain it belongs to: a decision, its order, fills and position change' })
  correlationId?: string;

  @ApiPropertyOptional()
  causationId?: string;

  @ApiPropertyOptional()
  commandId?: string;

  @ApiProperty({ description: 'epoch ms at which the store committed the event' })
  recordedAt!: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'epoch ms timestamps from the source of the fact' })
  sourceTimestamps?: Record<string, number>;
}

/** One stored event, upcast to the current schema version of its type. */
export class StoredEventResponse implements StoredEvent {
  @ApiProperty({ description: 'global, gap-free position across all streams' })
  position!: number;

  @ApiProperty({ example: 'order-0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b' })
  streamId!: string;

  @ApiProperty()
  streamVersion!: number;

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ example: 'OrderFilled' })
  type!: string;

  @ApiProperty()
  schemaVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: unknown;

  @ApiProperty({ type: EventMetadataResponse })
  metadata!: EventMetadataResponse;
}
