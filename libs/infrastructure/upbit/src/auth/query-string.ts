/** A request parameter value: one value, or several sent as `key[]=a&key[]=b`. */
export type ParamValue = string | readonly string[];

/** Request parameters in the order they are sent; the order is part of what is signed. */
export type RequestParams = ReadonlyArray<readonly [string, ParamValue]>;

export interface EncodedQuery {
  /** What Upbit hashes for `query_hash`: `k=v&k2[]=a&k2[]=b`, not percent-encoded. */
  readonly unescaped: string;
  /** The same pairs percent-encoded for the URL; decoding it gives `unescaped` back byte for byte. */
  readonly encoded: string;
}

function pairs(params: RequestParams): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of params) {
    if (typeof value === 'string') {
      out.push([key, value]);
    } else {
      // Upbit's array syntax: the key carries the brackets and repeats once per value.
      const arrayKey = key.endsWith('[]') ? key : `${key}[]`;
      for (const item of value) out.push([arrayKey, item]);
    }
  }
  return out;
}

/** Builds the query string of a request and the exact string its JWT `query_hash` covers. */
export function encodeQuery(params: RequestParams): EncodedQuery {
  const list = pairs(params);
  return {
    unescaped: list.map(([k, v]) => `${k}=${v}`).join('&'),
    encoded: list.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
  };
}

/** Drops parameters that are not set, keeping the order of the rest. */
export function definedParams(entries: ReadonlyArray<readonly [string, ParamValue | undefined]>): RequestParams {
  return entries.filter((entry): entry is readonly [string, ParamValue] => entry[1] !== undefined);
}
