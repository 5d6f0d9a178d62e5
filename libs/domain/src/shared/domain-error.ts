/**
 * Base of every typed domain error: a stable machine-readable `code` and the offending value, so callers
 * and logs never have to parse a message. Business refusals are events; these errors are for inputs that
 * cannot be represented (an invalid price) and commands that are illegal in the current state.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  protected constructor(
    message: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
