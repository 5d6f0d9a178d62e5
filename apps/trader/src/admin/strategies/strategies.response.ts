import type { StrategySummary } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';

/** One row of GET /api/v1/strategies: the strategies read model. */
export class StrategySummaryResponse implements StrategySummary {
  @ApiProperty({ example: 'basic-seven-rules' })
  strategyId!: string;

  @ApiProperty({ example: 'Basic 7 rules' })
  name!: string;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: [String], example: ['KRW-BTC'] })
  markets!: string[];

  @ApiProperty({ example: '1m' })
  timeframe!: string;

  @ApiProperty({ description: 'epoch ms of the last change', example: 1767225600000 })
  updatedAt!: number;
}

/**
 * A strategy definition as `strategy export` writes it. Its shape is the domain's (validated by
 * validateStrategyDefinition, every problem named by path), so the document keeps it free-form.
 */
export const strategyDefinitionSchema = {
  type: 'object',
  additionalProperties: true,
  description: 'a strategy definition (id, name, version, enabled, markets, timeframe, sizing, triggers, management, conflictPolicy)',
} as const;
