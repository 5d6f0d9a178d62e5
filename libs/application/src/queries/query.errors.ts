/** The thing asked for does not exist (an API answers 404). */
export class NotFoundError extends Error {
  readonly code = 'not_found';

  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`No ${what} with id ${id}`);
    this.name = 'NotFoundError';
  }
}
