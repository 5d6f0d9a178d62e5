import type { OutboxStatus } from '@trader/notifications';
import { ApiProperty } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

export const OUTBOX_STATUSES = enumValues<OutboxStatus>({ pending: true, sent: true, parked: true });

/** One notification for one channel, as the outbox holds it (never a credential: channels are named, not their URLs). */
export class NotificationOutboxRowResponse {
  @ApiProperty({ example: 12 })
  id!: number;

  @ApiProperty({ example: 'telegram:123456789', description: 'webhook, discord, or telegram:<chat id>' })
  channel!: string;

  @ApiProperty({ description: 'the event id it came from, or daily-summary/<local date>' })
  messageId!: string;

  @ApiProperty({ example: 'exits' })
  kind!: string;

  @ApiProperty({ description: 'the message text' })
  text!: string;

  @ApiProperty({ enum: OUTBOX_STATUSES, enumName: 'NotificationOutboxStatus' })
  status!: OutboxStatus;

  @ApiProperty({ description: 'sends tried so far' })
  attempts!: number;

  @ApiProperty({ description: 'epoch ms of the next try while pending' })
  nextAttemptAt!: number;

  @ApiProperty({ type: String, nullable: true, description: 'why the last send failed (URLs redacted)' })
  lastError!: string | null;

  @ApiProperty({ description: 'epoch ms' })
  createdAt!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' })
  sentAt!: number | null;
}

/** POST /api/v1/notifications/outbox/:id/retry. */
export class NotificationRequeuedResponse {
  @ApiProperty({ description: 'the parked notification is pending again; its channel sends it next' })
  requeued!: boolean;
}
