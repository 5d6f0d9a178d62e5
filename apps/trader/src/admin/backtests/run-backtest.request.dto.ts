import { Field, Float, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { JsonScalar } from '../graphql/json.scalar';
import { IsDecimalString, MARKET_CODE } from '../validation/decimal-string';

/**
 * POST /api/v1/backtests, and the GraphQL `RunBacktestInput`: one class, one set of rules. The
 * strategy is a defined strategy's id (or the built-in basic-seven-rules) or a whole definition, which
 * the domain validates; neither: the built-in reference strategy.
 */
@InputType('RunBacktestInput')
export class RunBacktestRequestDto {
  @ApiPropertyOptional({ example: 'basic-seven-rules' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'strategyId must be a strategy id (letters, digits, _ and -)' })
  @Field(() => String, { nullable: true })
  strategyId?: string;

  @ApiPropertyOptional({ description: 'a strategy definition, as `strategy export` writes it' })
  @IsOptional()
  @IsObject()
  @Field(() => JsonScalar, { nullable: true })
  strategy?: Record<string, unknown>;

  @ApiProperty({ example: ['KRW-BTC'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(MARKET_CODE, { each: true, message: 'markets must hold market codes such as KRW-BTC' })
  @Field(() => [String])
  markets!: string[];

  @ApiProperty({ example: '2026-01-01T00:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time such as 2026-01-01T00:00:00Z' })
  @Field(() => String)
  from!: string;

  @ApiProperty({ example: '2026-02-01T00:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time such as 2026-02-01T00:00:00Z' })
  @Field(() => String)
  to!: string;

  @ApiPropertyOptional({ example: '10000000', description: 'starting KRW balance (default 10000000)' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  @Field(() => String, { nullable: true })
  initialKrw?: string;

  @ApiPropertyOptional({ example: '0.0005', description: 'fee per side as a fraction (default 0.0005)' })
  @IsOptional()
  @IsString()
  @IsDecimalString()
  @Field(() => String, { nullable: true })
  fee?: string;

  @ApiPropertyOptional({ example: 5, description: 'slippage against every market order, in basis points (default 5)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000)
  @Field(() => Float, { nullable: true })
  slippageBps?: number;

  @ApiPropertyOptional({ enum: ['auto', 'candles', 'trades'] })
  @IsOptional()
  @IsIn(['auto', 'candles', 'trades'])
  @Field(() => String, { nullable: true })
  source?: 'auto' | 'candles' | 'trades';
}
