import { ApiProperty } from '@nestjs/swagger';

/** PUT /api/v1/risk/limits answered 202: the change waits, or is still being applied. */
export class RiskLimitsChangeResponse {
  @ApiProperty({ format: 'uuid', description: 'the session config change carrying the new limits (key `risk.limits`)' })
  changeId!: string;

  @ApiProperty({
    enum: ['deferred', 'applying'],
    description: '`deferred`: orders are in flight and the limits apply when the last of them ends (GET /api/v1/session lists it under deferredChanges); `applying`: applied by the session but not yet in force after 10 s',
  })
  outcome!: 'deferred' | 'applying';

  @ApiProperty({ type: [String], description: 'the orders in flight the change waits for (empty unless deferred)' })
  waitingFor!: string[];
}
