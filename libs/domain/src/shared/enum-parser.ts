import { DomainError } from './domain-error';

export class InvalidEnumValueError extends DomainError {
  readonly code = 'invalid_enum_value';
  constructor(
    what: string,
    value: string,
    readonly allowed: readonly string[],
  ) {
    super(`"${value}" is not a valid ${what} (allowed: ${allowed.join(', ')})`, value);
  }
}

/** A parser for a closed set of string values; anything else is an InvalidEnumValueError. */
export function enumParser<T extends string>(what: string, allowed: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(allowed as readonly string[]).includes(text)) throw new InvalidEnumValueError(what, text, allowed);
    return text as T;
  };
}
