import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsDecimalString, MARKET_CODE } from '../validation/decimal-string';

/**
 * POST /api/v1/orders, and the GraphQL `PlaceOrderInput`: one class, one set of rules. Amounts are
 * decimal strings; which of price, volume and funds apply depends on the type.
 */
@InputType('PlaceOrderInput')
export class PlaceOrderRequestDto {
  @ApiProperty({ example: 'KRW-BTC' })
  @Matches(MARKET_CODE, { message: 'market must be a market code such as KRW-BTC' })
  @Field(() => String)
  market!: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  @IsIn(['buy', 'sell'])
  @Field(() => String)
  side!: string;

  @ApiProperty({ enum: ['limit', 'market', 'best'] })
  @IsIn(['limit', 'market', 'best'])
  @Field(() => String)
  orderType!: string;

  @ApiPropertyOptional({ enum: ['gtc', 'ioc', 'fok', 'post_only'] })
  @IsOptional()
  @IsIn(['gtc', 'ioc', 'fok', 'post_only'])
  @Field(() => String, { nullable: true })
  timeInForce?: string;

  @ApiPropertyOptional({ description: 'limit price', example: '100000000' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  @Field(() => String, { nullable: true })
  price?: string;

  @ApiPropertyOptional({ description: 'base volume (limit, and market or best sells)', example: '0.001' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  @Field(() => String, { nullable: true })
  volume?: string;

  @ApiPropertyOptional({ description: 'quote amount a market or best buy spends', example: '50000' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  @Field(() => String, { nullable: true })
  funds?: string;

  @ApiPropertyOptional({ description: 'what one unit is worth now: values a market sell for the risk checks' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  @Field(() => String, { nullable: true })
  referencePrice?: string;

  @ApiPropertyOptional({ description: 'our client order id (Upbit identifier); generated when omitted' })
  @IsOptional()
  @IsUUID()
  @Field(() => String, { nullable: true })
  clientOrderId?: string;
}
