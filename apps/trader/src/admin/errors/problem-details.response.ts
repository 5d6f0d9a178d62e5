import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from './problem-details.filter';

export class FieldErrorResponse {
  @ApiProperty({ example: 'markets' })
  field!: string;

  @ApiProperty({ example: 'must hold at least 1 item(s)' })
  message!: string;
}

/** The body of every error the admin API answers (RFC 9457), as ProblemDetailsFilter writes it. */
export class ProblemDetailsResponse implements ProblemDetails {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'bad request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'Invalid strategy definition: markets: must hold at least 1 item(s)' })
  detail!: string;

  @ApiPropertyOptional({ example: 'invalid_strategy_definition', description: 'our machine-readable error code' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'validation failures, one per wrong field' })
  errors?: FieldErrorResponse[];
}
