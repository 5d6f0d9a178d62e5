import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates every request body and query against its DTO: unknown fields are refused, and a bad
 * request gets 400 with each wrong field named (nothing reaches a command handler, nothing is stored).
 */
export function adminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({ message: fields.map((f) => `${f.field}: ${f.message}`), errors: fields });
    },
  });
}
