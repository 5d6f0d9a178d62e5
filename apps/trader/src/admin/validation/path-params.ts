import { BadRequestException, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';

/** A 400 naming the path parameter (or GraphQL argument), as the DTOs' errors name their fields. */
function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message: [`${field} ${message}`], errors: [{ field, message }] });
}

/** For `@Param(field, uuidParam(field))`: a UUID, or a 400 naming `field` (Nest's own says "uuid is expected"). */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => invalid(field, 'must be a UUID') });
}

/** For `@Param(field, idParam(field))`: a whole number, or a 400 naming `field`. */
export function idParam(field: string): ParseIntPipe {
  return new ParseIntPipe({ exceptionFactory: () => invalid(field, 'must be a whole number') });
}
