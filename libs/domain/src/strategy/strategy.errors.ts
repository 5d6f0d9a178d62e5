import { DomainError } from '../shared/domain-error';

export interface DefinitionIssue {
  /** Where in the definition, e.g. `triggers[0].condition.all[1].right`. */
  readonly path: string;
  readonly message: string;
}

/** A strategy definition that cannot be accepted; lists every problem found, not just the first. */
export class InvalidStrategyDefinitionError extends DomainError {
  readonly code = 'invalid_strategy_definition';
  constructor(readonly issues: readonly DefinitionIssue[]) {
    super(`Invalid strategy definition: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
}

export class IllegalStrategyTransitionError extends DomainError {
  readonly code = 'illegal_strategy_transition';
  constructor(
    readonly command: string,
    readonly status: string,
  ) {
    super(`${command} is not allowed for a strategy that is ${status}`, { command, status });
  }
}

export class StrategyVersionConflictError extends DomainError {
  readonly code = 'strategy_version_conflict';
  constructor(current: number, proposed: number) {
    super(`A revision must raise the version: current ${current}, proposed ${proposed}`, { current, proposed });
  }
}

export class StrategyIdMismatchError extends DomainError {
  readonly code = 'strategy_id_mismatch';
  constructor(expected: string, received: string) {
    super(`This is strategy ${expected}, not ${received}`, { expected, received });
  }
}
