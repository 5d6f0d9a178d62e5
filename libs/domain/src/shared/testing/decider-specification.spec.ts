import { Decider, DomainEvent } from '../decider';
import { DomainError } from '../domain-error';
import { DeciderSpecification, SpecificationFailedError } from './decider-specification';

class CounterAtLimitError extends DomainError {
  readonly code = 'counter_at_limit';
  constructor(value: number) {
    super('The counter is at its limit', value);
  }
}

type Incremented = DomainEvent<'Incremented', { by: number; note?: unknown }>;
const counter: Decider<{ by: number; note?: unknown }, Incremented, number> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) => {
    if (state >= 2) throw new CounterAtLimitError(state);
    return [{ type: 'Incremented', data: command }];
  },
};
const given = DeciderSpecification.for(counter);
const inc = (by: number): Incremented => ({ type: 'Incremented', data: { by } });

describe('DeciderSpecification', () => {
  it('passes when the events match, whatever the key order', () => {
    expect(() => given([inc(1)]).when({ by: 1 }).then([{ data: { by: 1 }, type: 'Incremented' }])).not.toThrow();
  });

  it('fails when the events differ', () => {
    expect(() => given([]).when({ by: 1 }).then([inc(2)])).toThrow(SpecificationFailedError);
  });

  it('fails when an event payload is not plain JSON data', () => {
    expect(() => given([]).when({ by: 1, note: new Map() }).then([])).toThrow(/not plain JSON data at \$\[0\]\.data\.note/);
  });

  it('checks the error class and lets the test inspect the error', () => {
    expect(() => given([inc(2)]).when({ by: 1 }).thenThrows(CounterAtLimitError, (e) => expect(e.value).toBe(2))).not.toThrow();
    expect(() => given([inc(2)]).when({ by: 1 }).thenThrows(SpecificationFailedError)).toThrow(/but got CounterAtLimitError/);
    expect(() => given([]).when({ by: 1 }).thenThrows(CounterAtLimitError)).toThrow(/but got events/);
  });
});
