import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** GET /api/v1/tickers query string: comma-separated market codes (the traded markets when omitted). */
export class TickersRequestDto {
  @ApiPropertyOptional({ example: 'KRW-BTC,KRW-ETH' })
  @IsOptional()
  @Matches(/^(KRW|BTC|USDT)-[A-Z0-9]{1,10}(,(KRW|BTC|USDT)-[A-Z0-9]{1,10}){0,99}$/, { message: 'markets must be market codes separated by commas, such as KRW-BTC,KRW-ETH' })
  markets?: string;
}
