import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';
import { jsonValueSchema } from '../openapi/json-value.schema';

/** A configuration change: applied at once, deferred while an order is in flight, or refused when urgent. */
export class ConfigChangeRequestDto {
  @ApiProperty({ example: 'strategy.sizing' })
  @IsString()
  @Matches(/^[a-zA-Z][\w.-]{0,99}$/, { message: 'key must be a setting name such as strategy.sizing' })
  key!: string;

  @ApiProperty({ ...jsonValueSchema, description: 'the new value (any JSON value)' })
  @IsDefined()
  value!: unknown;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}

export class DatabaseProfileRequestDto {
  @ApiProperty({ example: 'backtest' })
  @IsString()
  @Length(1, 50)
  profile!: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}
