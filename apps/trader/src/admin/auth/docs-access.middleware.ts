import type { RequestHandler } from 'express';
import { Secret } from '../../config/secret';
import { isAdminBearer } from './token-check';

/** /api/docs, its assets, /api/docs-json and /api/docs-yaml. Case-insensitive, as Express routes are. */
const docsPath = /^\/api\/docs(?:[-/.]|$)/i;

/**
 * The OpenAPI document maps every route an attacker could try, so it needs the admin token like the
 * routes themselves, unless the operator chose TRADER_PUBLIC_DOCS=1. Swagger's routes are plain
 * Express routes outside Nest's guards, hence a middleware in front of them.
 */
export function docsAccessMiddleware(token: Secret): RequestHandler {
  return (request, response, next) => {
    if (!docsPath.test(request.path) || isAdminBearer(request.headers.authorization, token)) {
      next();
      return;
    }
    response.status(401).type('application/problem+json').json({
      type: 'about:blank',
      title: 'unauthorized',
      status: 401,
      detail: 'a valid bearer token is required (Authorization: Bearer <TRADER_TOKEN>); TRADER_PUBLIC_DOCS=1 serves the API docs without it',
    });
  };
}
