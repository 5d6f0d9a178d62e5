import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsDecimalString } from '../validation/decimal-string';

export class OrderRateDto {
  @ApiProperty({ example: 8 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxOrders!: number;

  @ApiProperty({ example: 1000 })
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  perMs!: number;
}

/** PUT /api/v1/risk/limits: every limit at once (amounts as decimal strings, in KRW). */
export class RiskLimitsRequestDto {
  @ApiProperty({ enum: ['KRW'] })
  @IsIn(['KRW'])
  quoteCurrency!: 'KRW';

  @ApiProperty({ example: '1000000' })
  @IsString()
  @IsDecimalString()
  maxNotionalPerOrder!: string;

  @ApiProperty({ example: '5000000' })
  @IsString()
  @IsDecimalString()
  maxPositionPerMarket!: string;

  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(1)
  @Max(1_000)
  maxOpenOrders!: number;

  @ApiProperty({ type: OrderRateDto })
  @ValidateNested()
  @Type(() => OrderRateDto)
  orderRate!: OrderRateDto;

  @ApiProperty({ example: '500000' })
  @IsString()
  @IsDecimalString()
  maxDailyLoss!: string;

  @ApiProperty({ example: '20' })
  @IsString()
  @IsDecimalString()
  maxDrawdownPercent!: string;
}
