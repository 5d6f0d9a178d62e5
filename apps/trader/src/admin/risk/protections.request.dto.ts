import type { CooldownProtection, LockScope, LowProfitMarketsProtection, MaxDrawdownProtection, Protections, StoplossGuardProtection } from '@trader/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsDecimalString } from '../validation/decimal-string';

/** A week: the domain's limit for a window or a lock. */
const WEEK_MS = 7 * 24 * 3_600_000;

export class CooldownDto implements CooldownProtection {
  @ApiProperty({ description: 'no new entry on a market for this long after a trade there closed (ms)', example: 300000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  periodMs!: number;
}

export class StoplossGuardDto implements StoplossGuardProtection {
  @ApiProperty({ description: 'stop-outs (stop_loss, trailing_stop, crash_exit exits) within the window that lock entries', example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  tradeLimit!: number;

  @ApiProperty({ description: 'the window (ms)', example: 3600000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  lookbackMs!: number;

  @ApiProperty({ description: 'how long entries stay locked (ms)', example: 1800000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  lockMs!: number;

  @ApiProperty({ enum: ['market', 'global'], description: 'market: count and lock per market; global: count every market, lock all' })
  @IsIn(['market', 'global'])
  scope!: LockScope;
}

export class MaxDrawdownDto implements MaxDrawdownProtection {
  @ApiProperty({ description: 'realised drawdown of the window, in percent, that locks every market (decimal string)', example: '10' })
  @IsString()
  @IsDecimalString()
  maxDrawdownPercent!: string;

  @ApiProperty({ description: 'closed trades the window must hold before it is judged', example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  tradeLimit!: number;

  @ApiProperty({ description: 'the window (ms)', example: 86400000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  lookbackMs!: number;

  @ApiProperty({ description: 'how long entries stay locked (ms)', example: 3600000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  lockMs!: number;
}

export class LowProfitMarketsDto implements LowProfitMarketsProtection {
  @ApiProperty({ description: 'a market whose trades of the window made less than this together (KRW, net of fees, may be negative; decimal string) is locked', example: '0' })
  @IsString()
  @Matches(/^-?(0|[1-9]\d{0,20})(\.\d{1,16})?$/, { message: 'minProfit must be a decimal number written as a string, such as "-5000"' })
  minProfit!: string;

  @ApiProperty({ description: 'closed trades on the market the window must hold before it is judged', example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  tradeLimit!: number;

  @ApiProperty({ description: 'the window (ms)', example: 86400000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  lookbackMs!: number;

  @ApiProperty({ description: 'how long the market stays locked (ms)', example: 3600000 })
  @IsInt()
  @Min(1)
  @Max(WEEK_MS)
  lockMs!: number;
}

/** PUT /api/v1/risk/protections: every protection at once; one left out is off (and its locks end). */
export class ProtectionsRequestDto implements Protections {
  @ApiPropertyOptional({ type: CooldownDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CooldownDto)
  cooldown?: CooldownDto;

  @ApiPropertyOptional({ type: StoplossGuardDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StoplossGuardDto)
  stoplossGuard?: StoplossGuardDto;

  @ApiPropertyOptional({ type: MaxDrawdownDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaxDrawdownDto)
  maxDrawdown?: MaxDrawdownDto;

  @ApiPropertyOptional({ type: LowProfitMarketsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LowProfitMarketsDto)
  lowProfitMarkets?: LowProfitMarketsDto;
}
