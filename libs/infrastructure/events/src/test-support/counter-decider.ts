import type { Decider, DomainEvent } from '@trader/domain';

export type CounterEvent = DomainEvent<'CounterIncreased', { by: number }> | DomainEvent<'CounterReset', { reason: string }>;
export type CounterCommand = { kind: 'increase'; by: number } | { kind: 'reset' };
export interface CounterState {
  total: number;
  changes: number;
}

export class CounterLimitError extends Error {
  readonly code = 'COUNTER_LIMIT';
  constructor(readonly total: number) {
    super(`Counter would exceed 1000 (at ${total})`);
  }
}

/** A tiny decider for repository tests: increases refuse to pass 1000. */
export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: () => ({ total: 0, changes: 0 }),
  decide(command, state) {
    switch (command.kind) {
      case 'increase':
        if (state.total + command.by > 1000) throw new CounterLimitError(state.total);
        return [{ type: 'CounterIncreased', data: { by: command.by } }];
      case 'reset':
        return [{ type: 'CounterReset', data: { reason: 'asked' } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CounterIncreased':
        return { total: state.total + event.data.by, changes: state.changes + 1 };
      case 'CounterReset':
        return { total: 0, changes: state.changes + 1 };
    }
  },
};
