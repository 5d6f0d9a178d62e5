import type { SessionView } from '@trader/application';
import type { JsonValue, SessionMode } from '@trader/domain';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';
import { jsonValueSchema } from '../openapi/json-value.schema';
import { DeferredConfigChangeResponse, DeferredDatabaseProfileChangeResponse } from './deferred-change.response';

/** GET /api/v1/session: the trading session's state. */
@ApiExtraModels(DeferredConfigChangeResponse, DeferredDatabaseProfileChangeResponse)
export class SessionResponse implements SessionView {
  @ApiProperty({ enum: enumValues<SessionMode>({ idle: true, trading: true, halted: true, reducing: true }), enumName: 'SessionMode', description: 'idle until the start-up reconciliation succeeds; halted and reducing deny new entries' })
  mode!: SessionMode;

  @ApiProperty({ type: String, nullable: true, description: 'why it is halted (kill_switch when the kill switch halted it); null unless halted', example: 'maintenance' })
  haltReason!: string | null;

  @ApiProperty({ type: [String], description: 'ids of the orders whose outcome is not settled yet' })
  ordersInFlight!: string[];

  @ApiProperty({
    description: 'changes requested while orders were in flight, applied in this order once none is',
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(DeferredConfigChangeResponse) }, { $ref: getSchemaPath(DeferredDatabaseProfileChangeResponse) }] },
  })
  deferredChanges!: (DeferredConfigChangeResponse | DeferredDatabaseProfileChangeResponse)[];

  @ApiProperty({ description: 'the applied configuration, by key', type: 'object', additionalProperties: jsonValueSchema, example: { 'ui.theme': 'dark' } })
  config!: Record<string, JsonValue>;

  @ApiProperty({ example: 'default' })
  databaseProfile!: string;
}
