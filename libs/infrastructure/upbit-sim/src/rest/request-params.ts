import { UpbitApiError, validationError } from '../engine/upbit-api-error';

/**
 * Query parameters with Upbit's array convention (`states[]=wait&states[]=watch`): `key[]` entries
 * become arrays under `key[]`.
 */
export function queryParams(rawQuery: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (key.endsWith('[]')) {
      const list = (params[key] as string[] | undefined) ?? [];
      list.push(value);
      params[key] = list;
    } else params[key] = value;
  }
  return params;
}

/** `query_hash` input of a GET/DELETE: the query string as sent, percent-decoding undone. */
export function queryHashInput(rawQuery: string): string | undefined {
  if (rawQuery === '') return undefined;
  try {
    return decodeURIComponent(rawQuery);
  } catch {
    throw new UpbitApiError(400, 'validation_error', 'malformed query string', rawQuery);
  }
}

/** `query_hash` input of a POST: the JSON body's params as `k=v&...` in body order, arrays as `k[]=v`. */
export function bodyHashInput(body: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      const name = key.endsWith('[]') ? key : `${key}[]`;
      for (const item of value) parts.push(`${name}=${String(item)}`);
    } else parts.push(`${key}=${String(value)}`);
  }
  return parts.length === 0 ? undefined : parts.join('&');
}

export function stringParam(params: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A list given as `key[]` entries (query or body), or a single `key`. */
export function listParam(params: Readonly<Record<string, unknown>>, key: string): string[] | undefined {
  const value = params[`${key}[]`] ?? params[key];
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) throw validationError(key, value);
  return list as string[];
}

export function intParam(params: Readonly<Record<string, unknown>>, key: string, fallback: number, min: number, max: number): number {
  const value = params[key];
  if (value === undefined || value === '') return fallback;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw validationError(key, value);
  return parsed;
}
