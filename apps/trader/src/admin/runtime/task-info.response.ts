import type { TaskInfo, TaskState } from '@trader/runtime';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** A named background task of the task manager. */
export class TaskInfoResponse implements TaskInfo {
  @ApiProperty({ example: 'order-execution.worker-1' })
  name!: string;

  @ApiProperty({ example: 'order-execution' })
  owner!: string;

  @ApiProperty({ enum: enumValues<TaskInfo['kind']>({ once: true, periodic: true, supervised: true }), enumName: 'TaskKind' })
  kind!: TaskInfo['kind'];

  @ApiProperty({ enum: enumValues<TaskState>({ running: true, waiting: true, completed: true, failed: true, aborted: true }), enumName: 'TaskState' })
  state!: TaskState;

  @ApiProperty({ description: 'epoch ms of its first start' })
  startedAt!: number;

  @ApiProperty()
  runs!: number;

  @ApiProperty()
  failures!: number;

  @ApiPropertyOptional()
  lastError?: string;

  @ApiPropertyOptional({ description: 'supervised tasks: restarts after it failed or ended on its own' })
  restarts?: number;

  @ApiPropertyOptional({ description: 'items (messages) whose handling failed while the task went on' })
  itemFailures?: number;
}
