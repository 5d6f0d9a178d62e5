import type { LoopDelaySnapshot, LoopGuardMode, LoopViolation } from '@trader/runtime';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** Something that held the event loop or touched a loop-bound resource from the wrong place. */
export class LoopViolationResponse implements LoopViolation {
  @ApiProperty({ enum: enumValues<LoopViolation['kind']>({ blocked: true, 'foreign-thread': true, 'unclaimed-resource': true }), enumName: 'LoopViolationKind' })
  kind!: LoopViolation['kind'];

  @ApiProperty({ description: 'epoch ms when it was noticed' })
  at!: number;

  @ApiProperty({ description: "the code that blocked, or 'unknown' when the probe noticed a block outside any measured section" })
  where!: string;

  @ApiProperty()
  owner!: string;

  @ApiPropertyOptional({ description: 'how long the loop was blocked' })
  blockedMs?: number;

  @ApiPropertyOptional()
  resource?: string;
}

/** Event-loop delay (perf_hooks monitorEventLoopDelay) and how often it broke the threshold. */
export class LoopDelayResponse implements LoopDelaySnapshot {
  @ApiProperty({ example: 0.13 })
  p50Ms!: number;

  @ApiProperty({ example: 9.42 })
  p99Ms!: number;

  @ApiProperty({ example: 14.38 })
  maxMs!: number;

  @ApiProperty({ example: 0.68 })
  meanMs!: number;

  @ApiProperty({ description: 'how many delay samples the histogram holds' })
  samples!: number;

  @ApiProperty({ description: 'violations since start' })
  violations!: number;

  @ApiProperty({ enum: enumValues<LoopGuardMode>({ strict: true, report: true }), description: 'strict throws on a violation, report records it' })
  mode!: LoopGuardMode;

  @ApiProperty({ description: 'a block longer than this (ms) is a violation', example: 100 })
  thresholdMs!: number;

  @ApiPropertyOptional({ type: LoopViolationResponse })
  lastViolation?: LoopViolationResponse;
}
