import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Any JSON value: `@ApiProperty({ ...jsonValueSchema, description })`, or the `additionalProperties` of
 * a map of them. Without it Swagger describes an `unknown` property as `type: object` with no
 * properties, which a generated client types as an empty object.
 */
export const jsonValueSchema = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }],
} satisfies ApiPropertyOptions;
