import type {
  AssetUpdate,
  CandleInterval,
  CandleUpdate,
  MarketDataUpdate,
  OrderBookLevel,
  OrderBookSnapshot,
  OrderUpdate,
  PriceChange,
  StreamType,
  TickerUpdate,
  TradeTick,
} from '@trader/application';
import { ProtocolError } from '@trader/application';
import { ORDER_TYPES, TIME_IN_FORCE, withoutUndefined } from './exchange-decoders';
import { parseExactMembers } from './exact-json';
import { Fields } from './fields';
import { MemberKeys } from './member-keys';
import { ObjectMembers } from './object-members';

const CHANGES: readonly PriceChange[] = ['RISE', 'EVEN', 'FALL'];
const STREAM_TYPES: readonly StreamType[] = ['SNAPSHOT', 'REALTIME'];
const ASK_BID = ['ASK', 'BID'] as const;
const CANDLE_INTERVALS: readonly CandleInterval[] = ['1s', '1m', '3m', '5m', '10m', '15m', '30m', '60m', '240m'];
const ORDER_EVENT_STATES = ['wait', 'watch', 'trade', 'done', 'cancel', 'prevented'] as const;

/** A server message that is not data: the answer to `PING`, an error, or a LIST_SUBSCRIPTIONS result. */
export type ControlFrame =
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'error'; readonly name: string; readonly message: string }
  | { readonly kind: 'subscriptions'; readonly result: unknown };

export type DecodedFrame = MarketDataUpdate | OrderUpdate | AssetUpdate | ControlFrame;

/** The members of an order book level, read by slot: a 30-level book reads 120 of them. */
const LEVEL_KEYS = new MemberKeys(['ap', 'as', 'bp', 'bs']);
const ASK_PRICE = LEVEL_KEYS.slotOf('ap');
const ASK_SIZE = LEVEL_KEYS.slotOf('as');
const BID_PRICE = LEVEL_KEYS.slotOf('bp');
const BID_SIZE = LEVEL_KEYS.slotOf('bs');

/** Every member a SIMPLE frame decoder reads; the others are parsed and dropped. */
const FRAME_KEYS = new MemberKeys([
  ...['ty', 'cd', 'st', 'tms', 'ttms', 'tp', 'tv', 'ab', 'pcp', 'c', 'cp'],
  ...['op', 'hp', 'lp', 'scp', 'cr', 'scr', 'atv', 'atv24h', 'atp', 'atp24h'],
  ...['sid', 'bap', 'bas', 'bbp', 'bbs'],
  ...['tas', 'tbs', 'obu', 'lv'],
  ...['cdttmu', 'catv', 'catp'],
  ...['uid', 'ot', 's', 'ev', 'tc', 'id', 'tuid', 'p', 'ap', 'v', 'rv', 'rsf', 'rmf', 'pf', 'l', 'ef', 'tf', 'im', 'tif', 'otms'],
  ...['astuid', 'ast', 'asttms'],
  ...['status', 'error', 'mthd', 'method', 'rslt', 'result'],
], { obu: LEVEL_KEYS });

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Decodes one WebSocket message in Upbit's SIMPLE format (abbreviated keys) into exact, typed data. */
export function decodeSimpleFrame(text: string): DecodedFrame {
  const f = Fields.ofMembers(parseExactMembers(text, 'frame', FRAME_KEYS), 'frame');
  if (f.has('ty')) {
    const type = f.text('ty');
    switch (type) {
      case 'ticker':
        return decodeTicker(f);
      case 'trade':
        return decodeTrade(f);
      case 'orderbook':
        return decodeOrderBook(f);
      case 'myOrder':
        return decodeMyOrder(f);
      case 'myAsset':
        return decodeMyAsset(f);
      default:
        if (type.startsWith('candle.')) return decodeCandle(f, type.slice('candle.'.length));
        throw new ProtocolError('frame.ty', type, 'ticker|trade|orderbook|candle.*|myOrder|myAsset');
    }
  }
  if (f.has('status')) return { kind: 'status', status: f.text('status') };
  if (f.has('error')) {
    const error = f.object('error');
    return { kind: 'error', name: error.text('name'), message: error.optionalText('message') ?? '' };
  }
  if (f.has('mthd') || f.has('method')) return { kind: 'subscriptions', result: f.raw('rslt') ?? f.raw('result') };
  throw new ProtocolError('frame', text.slice(0, 80), 'a message with "ty", "status" or "error"');
}

// Hot decoders set optional fields after the literal (absent when Upbit leaves them out): spreading
// them into the literal cost more than the rest of a trade. Fields are read, and refused, in order.
function decodeTicker(f: Fields): TickerUpdate {
  const askBid = f.optionalOneOf('ab', ASK_BID);
  const ticker: Writable<TickerUpdate> = {
    kind: 'ticker',
    market: f.text('cd'),
    openingPrice: f.amount('op'),
    highPrice: f.amount('hp'),
    lowPrice: f.amount('lp'),
    tradePrice: f.amount('tp'),
    prevClosingPrice: f.amount('pcp'),
    change: f.oneOf('c', CHANGES),
    changePrice: f.amount('cp'),
    signedChangePrice: f.decimal('scp'),
    changeRate: f.amount('cr'),
    signedChangeRate: f.decimal('scr'),
    tradeVolume: f.amount('tv'),
    accTradeVolume: f.amount('atv'),
    accTradeVolume24h: f.amount('atv24h'),
    accTradePrice: f.amount('atp'),
    accTradePrice24h: f.amount('atp24h'),
    tradeTimestamp: f.integer('ttms'),
    timestamp: f.integer('tms'),
    streamType: f.oneOf('st', STREAM_TYPES),
  };
  if (askBid !== undefined) ticker.askBid = askBid;
  return ticker;
}

function decodeTrade(f: Fields): TradeTick {
  const tick: Writable<TradeTick> = {
    kind: 'trade',
    market: f.text('cd'),
    price: f.amount('tp'),
    volume: f.amount('tv'),
    askBid: f.oneOf('ab', ASK_BID),
    sequentialId: f.integer('sid'),
    tradeTimestamp: f.integer('ttms'),
    timestamp: f.integer('tms'),
    streamType: f.oneOf('st', STREAM_TYPES),
  };
  if (f.has('pcp')) tick.prevClosingPrice = f.amount('pcp');
  if (f.has('c')) tick.change = f.oneOf('c', CHANGES);
  if (f.has('cp')) tick.changePrice = f.amount('cp');
  if (f.has('bap')) tick.bestAskPrice = f.amount('bap');
  if (f.has('bas')) tick.bestAskSize = f.amount('bas');
  if (f.has('bbp')) tick.bestBidPrice = f.amount('bbp');
  if (f.has('bbs')) tick.bestBidSize = f.amount('bbs');
  return tick;
}

function decodeOrderBook(f: Fields): OrderBookSnapshot {
  const level = f.optionalAmount('lv');
  const book: Writable<OrderBookSnapshot> = {
    kind: 'orderbook',
    market: f.text('cd'),
    totalAskSize: f.amount('tas'),
    totalBidSize: f.amount('tbs'),
    units: decodeOrderBookUnits(f),
    timestamp: f.integer('tms'),
    streamType: f.oneOf('st', STREAM_TYPES),
  };
  if (level !== undefined) book.level = level;
  return book;
}

function decodeOrderBookUnits(f: Fields): OrderBookLevel[] {
  const list = f.list('obu');
  const path = f.at('obu');
  const units = new Array<OrderBookLevel>(list.length);
  for (let i = 0; i < list.length; i += 1) {
    const unit = list[i];
    // Object elements arrive as members (FRAME_KEYS reads "obu" with LEVEL_KEYS); anything else is refused.
    if (!(unit instanceof ObjectMembers)) throw new ProtocolError(`${path}[${i}]`, unit, 'an object');
    units[i] = {
      askPrice: Fields.amountIn(unit.at(ASK_PRICE), path, i, 'ap'),
      askSize: Fields.amountIn(unit.at(ASK_SIZE), path, i, 'as'),
      bidPrice: Fields.amountIn(unit.at(BID_PRICE), path, i, 'bp'),
      bidSize: Fields.amountIn(unit.at(BID_SIZE), path, i, 'bs'),
    };
  }
  return units;
}

function decodeCandle(f: Fields, interval: string): CandleUpdate {
  if (!(CANDLE_INTERVALS as readonly string[]).includes(interval)) throw new ProtocolError('frame.ty', `candle.${interval}`, 'a known candle interval');
  return {
    kind: 'candle',
    interval: interval as CandleInterval,
    market: f.text('cd'),
    candleDateTimeUtc: f.text('cdttmu'),
    openingPrice: f.amount('op'),
    highPrice: f.amount('hp'),
    lowPrice: f.amount('lp'),
    tradePrice: f.amount('tp'),
    accTradeVolume: f.amount('catv'),
    accTradePrice: f.amount('catp'),
    timestamp: f.integer('tms'),
    streamType: f.oneOf('st', STREAM_TYPES),
  };
}

function decodeMyOrder(f: Fields): OrderUpdate {
  const side = f.oneOf('ab', ASK_BID) === 'BID' ? 'bid' : 'ask';
  return {
    kind: 'order-update',
    market: f.text('cd'),
    uuid: f.text('uid'),
    side,
    ordType: f.oneOf('ot', ORDER_TYPES),
    state: f.oneOf('s', ORDER_EVENT_STATES),
    executedVolume: f.amount('ev'),
    tradesCount: f.integer('tc'),
    timestamp: f.integer('tms'),
    ...withoutUndefined({
      identifier: f.optionalText('id'),
      tradeUuid: f.optionalText('tuid'),
      price: f.optionalAmount('p'),
      avgPrice: f.optionalAmount('ap'),
      volume: f.optionalAmount('v'),
      remainingVolume: f.optionalAmount('rv'),
      reservedFee: f.optionalAmount('rsf'),
      remainingFee: f.optionalAmount('rmf'),
      paidFee: f.optionalAmount('pf'),
      locked: f.optionalAmount('l'),
      executedFunds: f.optionalAmount('ef'),
      tradeFee: f.optionalAmount('tf'),
      isMaker: f.optionalBool('im'),
      timeInForce: f.optionalOneOf('tif', TIME_IN_FORCE),
      tradeTimestamp: f.optionalInteger('ttms'),
      orderTimestamp: f.optionalInteger('otms'),
    }),
  };
}

function decodeMyAsset(f: Fields): AssetUpdate {
  return {
    kind: 'asset-update',
    assetUuid: f.text('astuid'),
    assets: f.list('ast').map((item, i) => {
      const a = Fields.element(item, f.at('ast'), i);
      return { currency: a.text('cu'), balance: a.amount('b'), locked: a.amount('l') };
    }),
    assetTimestamp: f.integer('asttms'),
    timestamp: f.integer('tms'),
  };
}
