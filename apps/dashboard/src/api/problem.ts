import type { components } from './schema';

/** The admin API answers every error as RFC 9457 problem details; validation failures name the field. */
export type Problem = components['schemas']['ProblemDetailsResponse'];

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).status === 'number' && typeof (value as Problem).detail === 'string';
}

/** An error the UI can show: the server's problem, or a network failure described the same way. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  /** The server's message for one field (`market`, `definition.markets`...), if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field)?.message;
  }
}

export function toApiError(error: unknown, status = 0): ApiError {
  if (error instanceof ApiError) return error;
  if (isProblem(error)) return new ApiError(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError({ type: 'about:blank', title: status === 0 ? 'network error' : 'error', status, detail });
}
