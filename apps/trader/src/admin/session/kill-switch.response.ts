import type { KillSwitchResult } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';

/** POST /api/v1/session/kill: every new order is denied from now on, and these are being cancelled. */
export class KillSwitchResponse implements KillSwitchResult {
  @ApiProperty({ type: [String], description: 'working orders whose cancel was requested now' })
  cancelRequested!: string[];

  @ApiProperty({ type: [String], description: 'orders whose outcome is not known yet: cancelled once the exchange accepts them' })
  cancelWhenAccepted!: string[];
}
