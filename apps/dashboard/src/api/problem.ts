/**
 * The admin API answers every error as RFC 9457 problem details; validation failures name the field.
 * This mirrors the server's wire format (apps/trader/src/admin/errors/problem-details.filter.ts), which
 * the OpenAPI document describes as ProblemDetailsResponse once every route declares its errors.
 */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

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
  return new ApiError({ title: status === 0 ? 'network error' : 'error', status, detail });
}
