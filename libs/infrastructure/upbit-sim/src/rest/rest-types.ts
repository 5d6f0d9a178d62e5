/** Upbit's rate-limit groups (the `group=` of Remaining-Req). */
export type RateLimitGroupName =
  | 'market'
  | 'candle'
  | 'trade'
  | 'ticker'
  | 'orderbook'
  | 'default'
  | 'order'
  | 'order-test'
  | 'order-cancel-all'
  | 'websocket-connect'
  | 'websocket-message'
  | 'websocket-message-minute';

/** A parsed REST request. `params` merges the query (GET/DELETE) or the JSON body (POST). */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The string Upbit hashes for `query_hash` (undefined when the request has no parameters). */
  readonly hashInput: string | undefined;
  readonly authorization: string | undefined;
  readonly clientAddress: string;
}

export interface RestResult {
  readonly status: number;
  readonly body: unknown;
}

export interface RouteContext {
  readonly request: RestRequest;
  /** The authenticated account (exchange routes only). */
  readonly accountId: string;
  /** Path parameters, e.g. `{unit}` of /candles/minutes/{unit}. */
  readonly pathParams: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: string;
  /** Path under /v1, with `{name}` placeholders. */
  readonly pattern: string;
  readonly group: RateLimitGroupName;
  readonly authenticated: boolean;
  handle(context: RouteContext): RestResult;
}

export const ok = (body: unknown): RestResult => ({ status: 200, body });
export const created = (body: unknown): RestResult => ({ status: 201, body });
