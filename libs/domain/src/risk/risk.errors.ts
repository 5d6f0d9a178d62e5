import { DomainError } from '../shared/domain-error';

export class IllegalRiskTransitionError extends DomainError {
  readonly code = 'illegal_risk_transition';
  constructor(
    readonly command: string,
    readonly reason: string,
  ) {
    super(`${command} is not allowed: ${reason}`, { command, reason });
  }
}
