import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsResponse } from './problem-details.response';

/** The error statuses a route of the admin API documents, with what each means by default. */
const meanings = {
  400: 'invalid input: `detail` says what is wrong and `errors` names each refused field',
  401: 'the bearer token is missing or wrong',
  404: 'there is no such thing',
  409: 'the current state does not allow it (`code` names the refused transition)',
  422: 'our session or risk checks denied it (`detail` gives the reason code)',
  503: 'the trader cannot answer yet (`code` says what it waits for)',
} as const;

export type ProblemStatus = keyof typeof meanings;

/** One error response as problem details (`application/problem+json`), with what it means on this route. */
export function ApiProblemResponse(status: ProblemStatus, description: string = meanings[status]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsResponse),
    ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsResponse) } } } }),
  );
}

/**
 * Error responses as problem details, each with its default meaning. On a controller class they apply to
 * every route (the 401 of the bearer token); on a route, list what else it can answer: `ApiProblemResponses(400, 409)`.
 */
export function ApiProblemResponses(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblemResponse(status)));
}
