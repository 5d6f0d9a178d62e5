import { Decider, DomainEvent } from '../decider';

/** A given/when/then expectation that did not hold; the message shows both sides as JSON. */
export class SpecificationFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecificationFailedError';
  }
}

export interface DeciderThen<Event> {
  /** The command produced exactly these events (compared as JSON, so payloads must be plain data). */
  then(expected: Event[]): void;
  /** The command was refused with this error class; `check` may inspect it further. */
  thenThrows<E extends Error>(errorClass: abstract new (...args: never[]) => E, check?: (error: E) => void): void;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

/** JSON with object keys sorted, so two payloads compare equal whatever order their keys were built in. */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v), 2);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]]));
}

/** The path of the first value that is not plain JSON data (a class instance, undefined, NaN...), or null. */
export function findNonJson(value: unknown, path = '$'): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNonJson(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findNonJson(item, `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return path;
}

/**
 * Given/when/then for deciders, in the shape of Emmett's DeciderSpecification:
 * `DeciderSpecification.for(decider)(givenEvents).when(command).then(events)`. Pure: no jest matchers,
 * so a failure throws SpecificationFailedError with both sides printed.
 */
export const DeciderSpecification = {
  for<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
  ): (given: Event[]) => DeciderWhen<Command, Event> {
    return (given) => ({
      when(command) {
        const run = (): Event[] => {
          const state = given.reduce((s, event) => decider.evolve(s, event), decider.initialState());
          return decider.decide(command, state);
        };
        return {
          then(expected) {
            const actual = run();
            // Events are stored as JSON: a payload holding anything else is a bug too.
            const nonJson = findNonJson(actual);
            if (nonJson) {
              throw new SpecificationFailedError(`Events are not plain JSON data at ${nonJson}:\n${json(actual)}`);
            }
            if (json(actual) !== json(expected)) {
              throw new SpecificationFailedError(`Expected events:\n${json(expected)}\nbut got:\n${json(actual)}`);
            }
          },
          thenThrows(errorClass, check) {
            let events: Event[];
            try {
              events = run();
            } catch (error) {
              if (!(error instanceof errorClass)) {
                throw new SpecificationFailedError(
                  `Expected ${errorClass.name} but got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
                );
              }
              check?.(error);
              return;
            }
            throw new SpecificationFailedError(`Expected ${errorClass.name} but got events:\n${json(events)}`);
          },
        };
      },
    });
  },
};
