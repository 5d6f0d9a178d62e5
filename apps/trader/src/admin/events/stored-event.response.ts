import type { EventMetadata, StoredEvent } from '@trader/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

type StoredEventMetadata = StoredEvent['metadata'];

/** What travels with an event besides its payload: the chain it belongs to, and when it happened. */
export class EventMetadataResponse implements StoredEventMetadata {
  @ApiPropertyOptional({ description: 'the chain of commands and events it belongs to' })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'the event or command that caused it' })
  causationId?: string;

  @ApiPropertyOptional({ description: 'the command that stored it' })
  commandId?: string;

  @ApiPropertyOptional({ description: 'who gave the operator command that stored it: `admin-api` or `telegram:<chat id>`', example: 'admin-api' })
  actor?: string;

  @ApiProperty({ description: 'epoch ms at which the store committed it', example: 1796051782128 })
  recordedAt!: number;

  @ApiPropertyOptional({
    description: 'epoch ms timestamps of the source of the fact, by name (`venue`, `exchangeTrade`, ...)',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  sourceTimestamps?: NonNullable<EventMetadata['sourceTimestamps']>;
}

/** A stored event, upcast to the current schema version of its type. */
export class StoredEventResponse implements StoredEvent {
  @ApiProperty({ description: 'global, gap-free position across all streams (from 1)', example: 8 })
  position!: number;

  @ApiProperty({ example: 'order-0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b' })
  streamId!: string;

  @ApiProperty({ description: 'version of the stream after this event (from 1)', example: 1 })
  streamVersion!: number;

  @ApiProperty({ description: 'idempotency key of the append' })
  eventId!: string;

  @ApiProperty({ example: 'OrderSubmitted' })
  type!: string;

  @ApiProperty({ description: 'schema version of `data`', example: 1 })
  schemaVersion!: number;

  @ApiProperty({
    description: "the payload: plain JSON, its shape given by `type` and `schemaVersion` (amounts are decimal strings, times epoch ms); see docs/domain.md",
    type: 'object',
    additionalProperties: true,
  })
  data!: Record<string, unknown>;

  @ApiProperty({ type: EventMetadataResponse })
  metadata!: EventMetadataResponse;
}
