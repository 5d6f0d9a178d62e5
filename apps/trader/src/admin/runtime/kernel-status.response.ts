import type { ComponentState, ComponentStatus, InstanceRole, KernelStatus } from '@trader/runtime';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** One kernel component: a database handle, a socket, the HTTP server... */
export class ComponentStatusResponse implements ComponentStatus {
  @ApiProperty({ example: 'event-store' })
  name!: string;

  @ApiProperty({
    enum: enumValues<ComponentState>({ registered: true, starting: true, running: true, degraded: true, stopping: true, stopped: true, failed: true }),
    enumName: 'ComponentState',
  })
  state!: ComponentState;

  @ApiProperty({ description: 'epoch ms of the last state change' })
  since!: number;

  @ApiPropertyOptional({ description: 'why it failed or degraded last' })
  lastError?: string;

  @ApiPropertyOptional({ description: 'what the component says about itself' })
  detail?: string;
}

/** The kernel that starts the components in order and stops them in reverse. */
export class KernelStatusResponse implements KernelStatus {
  @ApiProperty({
    enum: enumValues<InstanceRole>({ active: true, standby: true }),
    enumName: 'InstanceRole',
    description: 'active: this instance trades its account; standby: another instance does, this one serves reads and takes over when it stops',
  })
  role!: InstanceRole;

  @ApiProperty({ enum: enumValues<KernelStatus['state']>({ idle: true, starting: true, running: true, stopping: true, stopped: true, failed: true }), enumName: 'KernelState' })
  state!: KernelStatus['state'];

  @ApiProperty({ description: 'epoch ms of the last state change' })
  since!: number;

  @ApiProperty({ type: [ComponentStatusResponse], description: 'in start order' })
  components!: ComponentStatusResponse[];
}
