import type { MarketInfo } from '@trader/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One market the exchange lists (GET /api/v1/markets). */
export class MarketResponse implements MarketInfo {
  @ApiProperty({ example: 'KRW-BTC' })
  market!: string;

  @ApiProperty({ example: '비트코인' })
  koreanName!: string;

  @ApiProperty({ example: 'Bitcoin' })
  englishName!: string;

  @ApiPropertyOptional({ description: "the exchange's investment warning (유의 종목)" })
  warning?: boolean;
}
