import { InvalidIndicatorParameterError, NonFiniteInputError } from './indicator.errors';

/** Periods above this are configuration mistakes, not strategies (and would hold large buffers). */
export const MAX_PERIOD = 10_000;

export function checkPeriod(indicator: string, parameter: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PERIOD) {
    throw new InvalidIndicatorParameterError(indicator, parameter, value);
  }
  return value;
}

export function checkFinite(indicator: string, value: number): number {
  if (!Number.isFinite(value)) throw new NonFiniteInputError(indicator, value);
  return value;
}
