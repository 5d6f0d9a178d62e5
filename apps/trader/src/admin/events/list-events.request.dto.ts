import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** GET /api/v1/events query string. */
export class ListEventsRequestDto {
  @ApiPropertyOptional({ example: 'order-0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  stream?: string;

  @ApiPropertyOptional({ example: 'OrderFilled' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  type?: string;

  @ApiPropertyOptional({ description: 'every event of one chain (a decision, its order, fills and position change)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  correlationId?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'oldest first: from this position on (default 1); newest first: from this position down (default the newest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from?: number;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest first; desc: newest first (the newest fills, say, without paging through the log)' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'only events recorded at or after this time (ISO 8601)', example: '2026-11-30T09:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 time such as 2026-11-30T09:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ description: 'only events recorded before this time (ISO 8601)', example: '2026-11-30T10:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 time such as 2026-11-30T10:00:00Z' })
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
