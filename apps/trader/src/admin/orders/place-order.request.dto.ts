import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsDecimalString, MARKET_CODE } from '../validation/decimal-string';

/** POST /api/v1/orders. Amounts are decimal strings; which of price, volume and funds apply depends on the type. */
export class PlaceOrderRequestDto {
  @ApiProperty({ example: 'KRW-BTC' })
  @Matches(MARKET_CODE, { message: 'market must be a market code such as KRW-BTC' })
  market!: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  @IsIn(['buy', 'sell'])
  side!: string;

  @ApiProperty({ enum: ['limit', 'market', 'best'] })
  @IsIn(['limit', 'market', 'best'])
  orderType!: string;

  @ApiPropertyOptional({ enum: ['gtc', 'ioc', 'fok', 'post_only'] })
  @IsOptional()
  @IsIn(['gtc', 'ioc', 'fok', 'post_only'])
  timeInForce?: string;

  @ApiPropertyOptional({ description: 'limit price', example: '100000000' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  price?: string;

  @ApiPropertyOptional({ description: 'base volume (limit, and market or best sells)', example: '0.001' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  volume?: string;

  @ApiPropertyOptional({ description: 'quote amount a market or best buy spends', example: '50000' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  funds?: string;

  @ApiPropertyOptional({ description: 'what one unit is worth now: values a market sell for the risk checks' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  referencePrice?: string;

  @ApiPropertyOptional({ description: 'our client order id (Upbit identifier); generated when omitted' })
  @IsOptional()
  @IsUUID()
  clientOrderId?: string;
}
