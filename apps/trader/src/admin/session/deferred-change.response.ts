import type { DeferredChange, JsonValue } from '@trader/domain';
import { ApiProperty } from '@nestjs/swagger';
import { jsonValueSchema } from '../openapi/json-value.schema';

/** A configuration change waiting for the orders in flight to finish. */
export class DeferredConfigChangeResponse implements Extract<DeferredChange, { kind: 'config' }> {
  @ApiProperty({ enum: ['config'] })
  kind!: 'config';

  @ApiProperty({ format: 'uuid' })
  changeId!: string;

  @ApiProperty({ example: 'strategy.sizing' })
  key!: string;

  @ApiProperty({ ...jsonValueSchema, description: 'the new value (any JSON value)' })
  value!: JsonValue;
}

/** A database-profile switch waiting for the orders in flight to finish. */
export class DeferredDatabaseProfileChangeResponse implements Extract<DeferredChange, { kind: 'database_profile' }> {
  @ApiProperty({ enum: ['database_profile'] })
  kind!: 'database_profile';

  @ApiProperty({ format: 'uuid' })
  changeId!: string;

  @ApiProperty({ example: 'backtest' })
  profile!: string;
}
