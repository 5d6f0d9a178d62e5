import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OUTBOX_STATUSES } from './notification-outbox-row.response';

/** GET /api/v1/notifications/outbox query string. */
export class ListNotificationOutboxRequestDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, enumName: 'NotificationOutboxStatus' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'telegram:123456789', description: 'webhook, discord, or telegram:<chat id>' })
  @IsOptional()
  @Matches(/^(webhook|discord|telegram:-?\d{1,20})$/, { message: 'channel must be webhook, discord or telegram:<chat id>' })
  channel?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
