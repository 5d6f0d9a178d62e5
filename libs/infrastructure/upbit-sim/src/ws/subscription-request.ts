import { Dec, ZERO, parseDecimal } from '../engine/decimal';
import { WS_FORMATS, WsFormat } from './ws-formats';

export type WsErrorName = 'INVALID_AUTH' | 'WRONG_FORMAT' | 'NO_TICKET' | 'NO_TYPE' | 'NO_CODES' | 'INVALID_PARAM';

const ERROR_MESSAGES: Record<WsErrorName, string> = {
  INVALID_AUTH: '인증 정보가 올바르지 않습니다.',
  WRONG_FORMAT: '요청 형식이 올바르지 않습니다.',
  NO_TICKET: 'ticket이 없습니다.',
  NO_TYPE: 'type이 없습니다.',
  NO_CODES: 'codes가 없습니다.',
  INVALID_PARAM: '잘못된 파라미터입니다.',
};

/** A request refused with one of Upbit's WebSocket error names. */
export class WsRequestError extends Error {
  constructor(
    readonly errorName: WsErrorName,
    readonly value: unknown,
  ) {
    super(ERROR_MESSAGES[errorName]);
    this.name = 'WsRequestError';
  }

  get code(): WsErrorName {
    return this.errorName;
  }
}

export const CANDLE_TYPES = ['candle.1s', 'candle.1m', 'candle.3m', 'candle.5m', 'candle.10m', 'candle.15m', 'candle.30m', 'candle.60m', 'candle.240m'];
const PUBLIC_TYPES = ['ticker', 'trade', 'orderbook', ...CANDLE_TYPES];
const PRIVATE_TYPES = ['myOrder', 'myAsset'];
const ORDERBOOK_UNITS = [1, 5, 15, 30];

export interface TypeSubscription {
  readonly type: string;
  /** Market codes; empty for myOrder = every market. */
  readonly codes: readonly string[];
  /** Orderbook units per code (from `KRW-BTC.15`), default 30. */
  readonly units: ReadonlyMap<string, number>;
  readonly level: Dec;
  readonly snapshot: boolean;
  readonly realtime: boolean;
}

export type WsRequest =
  | { readonly kind: 'subscribe'; readonly ticket: string; readonly format: WsFormat; readonly subscriptions: TypeSubscription[] }
  | { readonly kind: 'list'; readonly ticket: string; readonly format: WsFormat | undefined };

function flag(entry: Record<string, unknown>, snake: string, camel: string): boolean {
  const value = entry[snake] ?? entry[camel];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new WsRequestError('INVALID_PARAM', value);
  return value;
}

function parseType(entry: Record<string, unknown>, knownMarkets: ReadonlySet<string>): TypeSubscription {
  const type = entry['type'];
  if (typeof type !== 'string' || ![...PUBLIC_TYPES, ...PRIVATE_TYPES].includes(type)) throw new WsRequestError('INVALID_PARAM', type);
  const rawCodes = entry['codes'];
  if (rawCodes !== undefined && (!Array.isArray(rawCodes) || !rawCodes.every((c) => typeof c === 'string'))) {
    throw new WsRequestError('INVALID_PARAM', rawCodes);
  }
  const list = (rawCodes ?? []) as string[];
  if (type === 'myAsset' && list.length > 0) throw new WsRequestError('INVALID_PARAM', rawCodes);
  if (PUBLIC_TYPES.includes(type) && list.length === 0) throw new WsRequestError('NO_CODES', rawCodes);
  const units = new Map<string, number>();
  const codes = list.map((raw) => {
    const [code, unitText] = type === 'orderbook' ? raw.split(/\.(?=\d+$)/) : [raw, undefined];
    if (!knownMarkets.has(code)) throw new WsRequestError('INVALID_PARAM', raw);
    if (unitText !== undefined) {
      const unit = Number(unitText);
      if (!ORDERBOOK_UNITS.includes(unit)) throw new WsRequestError('INVALID_PARAM', raw);
      units.set(code, unit);
    }
    return code;
  });
  const levelValue = entry['level'];
  const level = levelValue === undefined ? ZERO : parseDecimal(levelValue);
  if (level === undefined) throw new WsRequestError('INVALID_PARAM', levelValue);
  const onlySnapshot = flag(entry, 'is_only_snapshot', 'isOnlySnapshot');
  const onlyRealtime = flag(entry, 'is_only_realtime', 'isOnlyRealtime');
  const eventOnly = PRIVATE_TYPES.includes(type);
  return { type, codes, units, level, snapshot: !onlyRealtime && !eventOnly, realtime: !onlySnapshot };
}

/**
 * Parses a request frame: a JSON array holding a `ticket` object, type objects (or a
 * LIST_SUBSCRIPTIONS `method`) and an optional `format` object.
 */
export function parseWsRequest(text: string, knownMarkets: ReadonlySet<string>, authenticated: boolean): WsRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WsRequestError('WRONG_FORMAT', text.slice(0, 100));
  }
  if (!Array.isArray(parsed) || !parsed.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) {
    throw new WsRequestError('WRONG_FORMAT', parsed);
  }
  const entries = parsed as Record<string, unknown>[];
  const ticketEntry = entries.find((e) => 'ticket' in e);
  if (ticketEntry === undefined || typeof ticketEntry['ticket'] !== 'string' || ticketEntry['ticket'] === '') {
    throw new WsRequestError('NO_TICKET', ticketEntry);
  }
  const ticket = ticketEntry['ticket'];
  const formatEntry = entries.find((e) => 'format' in e);
  const format = formatEntry?.['format'];
  if (format !== undefined && !WS_FORMATS.includes(format as WsFormat)) throw new WsRequestError('INVALID_PARAM', format);
  const method = entries.find((e) => 'method' in e)?.['method'];
  if (method !== undefined) {
    if (method !== 'LIST_SUBSCRIPTIONS') throw new WsRequestError('INVALID_PARAM', method);
    return { kind: 'list', ticket, format: format as WsFormat | undefined };
  }
  const typeEntries = entries.filter((e) => 'type' in e);
  if (typeEntries.length === 0) throw new WsRequestError('NO_TYPE', parsed);
  const subscriptions = typeEntries.map((e) => parseType(e, knownMarkets));
  if (!authenticated && subscriptions.some((s) => PRIVATE_TYPES.includes(s.type))) throw new WsRequestError('INVALID_AUTH', 'private type on public endpoint');
  return { kind: 'subscribe', ticket, format: (format as WsFormat | undefined) ?? 'DEFAULT', subscriptions };
}

export function wsErrorBody(error: WsRequestError): Record<string, unknown> {
  return { error: { name: error.errorName, message: error.message } };
}
