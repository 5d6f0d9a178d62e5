import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDetails } from './problem-details.filter';

type FieldError = NonNullable<ProblemDetails['errors']>[number];

/** One refused field of a request: the dashboard shows `message` on the field named `field`. */
export class ProblemFieldErrorResponse implements FieldError {
  @ApiProperty({ example: 'volume' })
  field!: string;

  @ApiProperty({ example: 'volume must be a positive decimal number written as a string, such as "0.001"' })
  message!: string;
}

/** The body of every error of the admin API (RFC 9457, `application/problem+json`). */
export class ProblemDetailsResponse implements ProblemDetails {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ description: 'the HTTP status in words', example: 'bad request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ description: 'what went wrong, naming the offending value', example: 'volume must be a positive decimal number written as a string, such as "0.001"' })
  detail!: string;

  @ApiPropertyOptional({ description: 'our machine-readable error code, when the error has one', example: 'illegal_order_transition' })
  code?: string;

  @ApiPropertyOptional({ description: 'validation failures, one per field', type: [ProblemFieldErrorResponse] })
  errors?: ProblemFieldErrorResponse[];
}
