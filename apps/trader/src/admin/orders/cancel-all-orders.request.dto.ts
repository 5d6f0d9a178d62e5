import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { MARKET_CODE } from '../validation/decimal-string';

/** DELETE /api/v1/orders query string: every working order, or those of one market. */
export class CancelAllOrdersRequestDto {
  @ApiPropertyOptional({ example: 'KRW-BTC' })
  @IsOptional()
  @Matches(MARKET_CODE, { message: 'market must be a market code such as KRW-BTC' })
  market?: string;
}
