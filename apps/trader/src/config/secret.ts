import { inspect } from 'node:util';

/**
 * A credential that must never be printed: it renders as `[redacted]` in strings, JSON and
 * `console.log`/`util.inspect`, so a logged config object or an error message cannot leak it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}
