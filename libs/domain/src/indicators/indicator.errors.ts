import { DomainError } from '../shared/domain-error';

export class InvalidIndicatorParameterError extends DomainError {
  readonly code = 'invalid_indicator_parameter';
  constructor(indicator: string, parameter: string, value: number) {
    super(`${indicator}: ${parameter} must be a positive integer within limits, got ${value}`, { indicator, parameter, value });
  }
}

export class NonFiniteInputError extends DomainError {
  readonly code = 'non_finite_input';
  constructor(indicator: string, value: number) {
    super(`${indicator} received a non-finite value ${value}`, { indicator, value });
  }
}
