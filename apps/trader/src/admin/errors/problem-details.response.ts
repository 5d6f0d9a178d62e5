import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from './problem-details.filter';

export class FieldErrorResponse {
  @ApiProperty({ example: 'price' })
  field!: string;

  @ApiProperty({ example: 'price must be a positive decimal number written as a string, such as "0.001"' })
  message!: string;
}

/** RFC 9457 problem details: the body of every error of the admin API (application/problem+json). */
export class ProblemDetailsResponse implements ProblemDetails {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'bad request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'price: price must be a positive decimal number written as a string, such as "0.001"' })
  detail!: string;

  @ApiPropertyOptional({ description: 'our machine-readable error code, when the error has one' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'validation failures: which field, and what is wrong with it' })
  errors?: FieldErrorResponse[];
}
