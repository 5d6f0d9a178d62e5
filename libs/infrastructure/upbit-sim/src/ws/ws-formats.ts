/** Request `format`: DEFAULT/SIMPLE send one object per frame; the LIST variants wrap it in an array. */
export type WsFormat = 'DEFAULT' | 'SIMPLE' | 'JSON_LIST' | 'SIMPLE_LIST';

export const WS_FORMATS: readonly WsFormat[] = ['DEFAULT', 'SIMPLE', 'JSON_LIST', 'SIMPLE_LIST'];

type KeyMap = Readonly<Record<string, string>>;

const COMMON: KeyMap = { type: 'ty', code: 'cd', timestamp: 'tms', stream_type: 'st' };

const TICKER: KeyMap = {
  ...COMMON,
  opening_price: 'op',
  high_price: 'hp',
  low_price: 'lp',
  trade_price: 'tp',
  prev_closing_price: 'pcp',
  change: 'c',
  change_price: 'cp',
  signed_change_price: 'scp',
  change_rate: 'cr',
  signed_change_rate: 'scr',
  trade_volume: 'tv',
  acc_trade_volume: 'atv',
  acc_trade_volume_24h: 'atv24h',
  acc_trade_price: 'atp',
  acc_trade_price_24h: 'atp24h',
  trade_date: 'tdt',
  trade_time: 'ttm',
  trade_timestamp: 'ttms',
  ask_bid: 'ab',
  acc_ask_volume: 'aav',
  acc_bid_volume: 'abv',
  highest_52_week_price: 'h52wp',
  highest_52_week_date: 'h52wdt',
  lowest_52_week_price: 'l52wp',
  lowest_52_week_date: 'l52wdt',
  market_state: 'ms',
  is_trading_suspended: 'its',
  delisting_date: 'dd',
  market_warning: 'mw',
};

const TRADE: KeyMap = {
  ...COMMON,
  trade_date: 'td',
  trade_time: 'ttm',
  trade_timestamp: 'ttms',
  trade_price: 'tp',
  trade_volume: 'tv',
  ask_bid: 'ab',
  prev_closing_price: 'pcp',
  change: 'c',
  change_price: 'cp',
  sequential_id: 'sid',
  best_ask_price: 'bap',
  best_ask_size: 'bas',
  best_bid_price: 'bbp',
  best_bid_size: 'bbs',
};

const ORDERBOOK: KeyMap = {
  ...COMMON,
  total_ask_size: 'tas',
  total_bid_size: 'tbs',
  orderbook_units: 'obu',
  ask_price: 'ap',
  bid_price: 'bp',
  ask_size: 'as',
  bid_size: 'bs',
  level: 'lv',
};

const CANDLE: KeyMap = {
  ...COMMON,
  candle_date_time_utc: 'cdttmu',
  candle_date_time_kst: 'cdttmk',
  opening_price: 'op',
  high_price: 'hp',
  low_price: 'lp',
  trade_price: 'tp',
  candle_acc_trade_volume: 'catv',
  candle_acc_trade_price: 'catp',
};

const MY_ORDER: KeyMap = {
  ...COMMON,
  uuid: 'uid',
  ask_bid: 'ab',
  order_type: 'ot',
  state: 's',
  trade_uuid: 'tuid',
  price: 'p',
  avg_price: 'ap',
  volume: 'v',
  remaining_volume: 'rv',
  executed_volume: 'ev',
  trades_count: 'tc',
  reserved_fee: 'rsf',
  remaining_fee: 'rmf',
  paid_fee: 'pf',
  locked: 'l',
  executed_funds: 'ef',
  time_in_force: 'tif',
  trade_fee: 'tf',
  is_maker: 'im',
  identifier: 'id',
  smp_type: 'smpt',
  prevented_volume: 'pv',
  prevented_locked: 'pl',
  trade_timestamp: 'ttms',
  order_timestamp: 'otms',
};

const MY_ASSET: KeyMap = {
  ...COMMON,
  asset_uuid: 'astuid',
  assets: 'ast',
  currency: 'cu',
  balance: 'b',
  locked: 'l',
  asset_timestamp: 'asttms',
};

const LIST_SUBSCRIPTIONS: KeyMap = { method: 'mthd', result: 'rslt', type: 'ty', codes: 'cds', level: 'lv', ticket: 'tckt' };

function keyMapFor(type: string): KeyMap {
  if (type === 'ticker') return TICKER;
  if (type === 'trade') return TRADE;
  if (type === 'orderbook') return ORDERBOOK;
  if (type.startsWith('candle.')) return CANDLE;
  if (type === 'myOrder') return MY_ORDER;
  if (type === 'myAsset') return MY_ASSET;
  return LIST_SUBSCRIPTIONS;
}

function abbreviate(value: unknown, map: KeyMap): unknown {
  if (Array.isArray(value)) return value.map((item) => abbreviate(item, map));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[map[key] ?? key] = abbreviate(inner, map);
  return out;
}

/**
 * Encodes a DEFAULT-format message (full field names) in the connection's format, as the bytes of
 * one binary frame. `kind` is the message type (`ticker`, `candle.1s`, ...; `method` for replies).
 */
export function encodeMessage(kind: string, message: Record<string, unknown>, format: WsFormat): Buffer {
  const simple = format === 'SIMPLE' || format === 'SIMPLE_LIST';
  const body = simple ? abbreviate(message, keyMapFor(kind)) : message;
  const list = format === 'JSON_LIST' || format === 'SIMPLE_LIST';
  return Buffer.from(JSON.stringify(list ? [body] : body));
}
