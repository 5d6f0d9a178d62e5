import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MARKET_CODE } from '../validation/decimal-string';
import { ORDER_VIEW_STATUSES } from './order.response';

/** GET /api/v1/orders query string. */
export class ListOrdersRequestDto {
  @ApiPropertyOptional({ example: 'KRW-BTC' })
  @IsOptional()
  @Matches(MARKET_CODE, { message: 'market must be a market code such as KRW-BTC' })
  market?: string;

  @ApiPropertyOptional({ enum: ORDER_VIEW_STATUSES, enumName: 'OrderStatus' })
  @IsOptional()
  @IsIn(ORDER_VIEW_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'only orders that are not closed' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
