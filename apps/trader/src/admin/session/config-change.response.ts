import type { ConfigChangeOutcome } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** POST /api/v1/session/config-changes and /database-profile: what became of the change. */
export class ConfigChangeResponse {
  @ApiProperty({ format: 'uuid', description: 'the id of the change (deferred changes list it in GET /api/v1/session)' })
  changeId!: string;

  @ApiProperty({
    enum: enumValues<ConfigChangeOutcome>({ applied: true, deferred: true, refused: true }),
    enumName: 'ConfigChangeOutcome',
    description: 'applied at once; deferred until the orders in flight are done; refused when urgent while an order is in flight (or, for a database profile, when it is the active one already)',
  })
  outcome!: ConfigChangeOutcome;
}
