import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** GET /api/v1/pnl query string. */
export class PnlRequestDto {
  @ApiProperty({ enum: ['day', 'week', 'month'] })
  @IsIn(['day', 'week', 'month'])
  period!: 'day' | 'week' | 'month';

  @ApiProperty({ example: '2026-11-01' })
  @Matches(DAY, { message: 'from must be a UTC date such as 2026-11-01' })
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(DAY, { message: 'to must be a UTC date such as 2026-11-30' })
  to!: string;
}
