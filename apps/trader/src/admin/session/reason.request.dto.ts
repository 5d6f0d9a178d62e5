import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Why the operator halts trading or engages the kill switch (recorded in the event). */
export class ReasonRequestDto {
  @ApiProperty({ example: 'manual pause for maintenance' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
