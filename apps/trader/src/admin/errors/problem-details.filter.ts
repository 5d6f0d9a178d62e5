import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

/** RFC 9457 problem details, the body of every error the admin API returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Our machine-readable error code, when the error has one. */
  code?: string;
  /** Validation failures: which field, and what is wrong with it. */
  errors?: { field: string; message: string }[];
}

interface CodedError {
  code: string;
  message: string;
}

/** Status per error code family: refusals of bad input 400, missing things 404, conflicts with state 409. */
function statusOf(error: CodedError): number {
  const { code } = error;
  if (code.toLowerCase().endsWith('not_found')) return HttpStatus.NOT_FOUND;
  if (code.startsWith('illegal_') || code === 'EVENT_STORE_CONCURRENCY' || code.endsWith('_in_flight') || code.includes('already')) return HttpStatus.CONFLICT;
  if (code === 'EVENT_BUS_BACKPRESSURE' || code === 'EXCHANGE_BUSY' || code === 'EXCHANGE_BLOCKED' || code === 'LIVE_STATE_UNAVAILABLE') return HttpStatus.SERVICE_UNAVAILABLE;
  // A standby (or an instance that just lost its account lease) takes no writes; the active one does.
  if (code === 'INSTANCE_IS_STANDBY' || code === 'ACCOUNT_LEASE_NOT_HELD') return HttpStatus.SERVICE_UNAVAILABLE;
  if (code.startsWith('EXCHANGE_')) return HttpStatus.BAD_GATEWAY;
  return HttpStatus.BAD_REQUEST;
}

/** Errors of the HTTP layer itself (body-parser: malformed JSON 400, too large 413) carry their status. */
function clientHttpStatus(error: unknown): number | null {
  if (!(error instanceof Error)) return null;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : null;
}

function isCoded(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as Partial<CodedError>).code === 'string';
}

/**
 * The fields a typed error names, so a client can show each problem on its field: a strategy
 * definition's issues (`$.markets` becomes `markets`, the DTOs' convention) or a request's one field.
 */
function fieldErrorsOf(error: CodedError): ProblemDetails['errors'] {
  const { issues, field } = error as CodedError & { issues?: unknown; field?: unknown };
  if (Array.isArray(issues)) {
    return issues
      .filter((issue): issue is { path: string; message: string } => typeof issue?.path === 'string' && typeof issue?.message === 'string')
      .map(({ path, message }) => ({ field: path.replace(/^\$\.?/, '') || '$', message }));
  }
  return typeof field === 'string' ? [{ field, message: error.message }] : undefined;
}

/**
 * Turns every exception into problem details. Typed errors of the domain and application keep their
 * code and message (they name the offending value); anything unexpected is a 500 whose details stay in
 * the log, never in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminApi');

  catch(error: unknown, host: ArgumentsHost): unknown {
    // GraphQL answers errors in its own envelope: same details, as a GraphQL error.
    if (host.getType<string>() === 'graphql') {
      const problem = this.toProblem(error);
      return new GraphQLError(problem.detail, { extensions: { code: problem.code ?? problem.title, status: problem.status, ...(problem.errors ? { errors: problem.errors } : {}) } });
    }
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(error);
    response.status(problem.status).type('application/problem+json').json(problem);
    return undefined;
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const errors = typeof body === 'object' && body !== null && 'errors' in body ? (body as { errors: ProblemDetails['errors'] }).errors : undefined;
      const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
      return {
        type: 'about:blank',
        title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message),
        ...(errors ? { errors } : {}),
      };
    }
    const clientStatus = clientHttpStatus(error);
    if (clientStatus !== null) {
      return { type: 'about:blank', title: HttpStatus[clientStatus]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status: clientStatus, detail: (error as Error).message };
    }
    if (isCoded(error)) {
      const status = statusOf(error);
      const errors = fieldErrorsOf(error);
      return { type: 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status, detail: error.message, code: error.code, ...(errors ? { errors } : {}) };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { type: 'about:blank', title: 'internal server error', status: 500, detail: 'the trader failed to handle this request; see its log' };
  }
}
