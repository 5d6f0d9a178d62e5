import {
  ExchangeAuthError,
  ExchangeError,
  ExchangeNotFoundError,
  ExchangeRejectedError,
  ExchangeUnexpectedError,
  RejectionReason,
} from '@trader/application';
import { parseExactJson } from '../decode/exact-json';

export interface UpbitErrorBody {
  readonly name: string;
  readonly message: string;
}

/** Reads `{"error":{"name":...,"message":...}}`; `name` is sometimes a number (ccxt). */
export function readUpbitError(text: string): UpbitErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = parseExactJson(text, 'error');
  } catch {
    return undefined;
  }
  const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof name !== 'string' && typeof name !== 'number') return undefined;
  return { name: String(name), message: typeof message === 'string' ? message : '' };
}

// Upbit error names (docs rest-api-guide, ccxt handleErrors; ../shared/docs/upbit-api.md §4).
const REJECTIONS: ReadonlyArray<readonly [RegExp, RejectionReason]> = [
  [/^insufficient_funds/, 'insufficient_funds'],
  [/^under_min_total/, 'under_min_total'],
  [/^invalid_price/, 'invalid_price_unit'],
  [/^invalid_volume/, 'invalid_volume'],
  [/^volume_too_large$/, 'volume_too_large'],
  [/^invalid_funds$/, 'invalid_funds'],
  [/identifier/, 'duplicate_identifier'],
  [/^create_(ask|bid)_error$/, 'invalid_order'],
];

const AUTH_NAMES = new Set([
  'invalid_query_payload',
  'jwt_verification',
  'expired_access_key',
  'nonce_used',
  'no_authorization_ip',
  'no_authorization_i_p',
  'out_of_scope',
  'invalid_access_key',
]);

/** Maps an Upbit error response (other than 429/418, which the rate limiter handles) to a typed error. */
export function mapUpbitError(status: number, text: string): ExchangeError {
  const body = readUpbitError(text) ?? { name: String(status), message: text.slice(0, 200) };
  if (status === 401 || status === 403 || AUTH_NAMES.has(body.name)) return new ExchangeAuthError(body.name, body.message, status);
  if (status === 404 || body.name === 'order_not_found') return new ExchangeNotFoundError(body.name, body.message);
  if (status >= 400 && status < 500) {
    // Upbit's name for a reused identifier is not documented; it has been seen as a validation_error
    // whose message says the identifier is taken, so that message is recognised too.
    if (/identifier/i.test(body.message) && /(already|duplicate|used|exist)/i.test(body.message)) {
      return new ExchangeRejectedError('duplicate_identifier', body.name, body.message, status);
    }
    const rule = REJECTIONS.find(([pattern]) => pattern.test(body.name));
    return new ExchangeRejectedError(rule ? rule[1] : 'validation', body.name, body.message, status);
  }
  return new ExchangeUnexpectedError(status, body.name, body.message);
}
