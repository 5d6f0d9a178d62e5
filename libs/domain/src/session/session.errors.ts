import { DomainError } from '../shared/domain-error';

export class IllegalSessionTransitionError extends DomainError {
  readonly code = 'illegal_session_transition';
  constructor(
    readonly command: string,
    readonly mode: string,
  ) {
    super(`${command} is not allowed while the session is ${mode}`, { command, mode });
  }
}

export class OrderAlreadyInFlightError extends DomainError {
  readonly code = 'order_already_in_flight';
  constructor(orderId: string) {
    super(`Order ${orderId} is already in flight`, orderId);
  }
}

export class OrderNotInFlightError extends DomainError {
  readonly code = 'order_not_in_flight';
  constructor(orderId: string) {
    super(`Order ${orderId} is not in flight`, orderId);
  }
}
