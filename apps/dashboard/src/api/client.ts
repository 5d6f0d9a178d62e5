import createClient, { type Middleware } from 'openapi-fetch';
import { clearToken, readToken } from '../auth/token-store';
import { ApiError, toApiError } from './problem';
import type { paths } from './schema';

/** Every call carries the bearer token; a 401 means the token is wrong or was rotated, so log out. */
const bearerAuth: Middleware = {
  onRequest({ request }) {
    const token = readToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) clearToken();
    return response;
  },
};

/** The typed admin API client: paths, parameters and bodies come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(bearerAuth);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's problem details.
 * `await ok(api.GET('/api/v1/orders'))`.
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw toApiError(error);
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.error ?? `HTTP ${result.response.status}`, result.response.status);
  return result.data as T;
}

export { ApiError };
