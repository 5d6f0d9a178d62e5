import { ProtocolError } from '@trader/application';
import { Dec } from '@trader/domain';
import fc from 'fast-check';
import { decodeSimpleFrame } from './simple-decoders';

/**
 * The decoder this one replaced, kept here only to hold the new one to it: numbers were quoted by a
 * regex pass when a double could not hold them, then JSON.parse ran, then `new Dec(value)` per field.
 */
function previousDecimals(text: string): Record<string, unknown> {
  const token = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  const runs = text.match(/[0-9.]{15,}/g) ?? [];
  const exact = runs.every((run) => (run.includes('.') ? run.length - (run.split('.').length - 1) <= 15 : BigInt(run) <= BigInt(Number.MAX_SAFE_INTEGER)));
  return JSON.parse(exact ? text : text.replace(token, (t) => (t.startsWith('"') ? t : `"${t}"`))) as Record<string, unknown>;
}

const digitRun = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: min, maxLength: max }).map((list) => list.join(''));

/** Non-negative literals as Upbit may send them: integers, fractions, 1e-8 forms, long digit runs. */
const amountLiteral: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom('1', '4', '9'), digitRun(0, 25)).map(([head, tail]) => head + tail)),
    fc.option(digitRun(1, 25), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digitRun(1, 2)), { nil: undefined }),
  )
  .map(([int, fraction, exponent]) => `${int}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : exponent.join('')}`);
const signedLiteral = fc.tuple(fc.constantFrom('', '-'), amountLiteral).map(([sign, literal]) => sign + literal);

function decimalFields(keys: readonly string[], amounts = amountLiteral): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(...keys.map(() => amounts)).map((literals) => Object.fromEntries(keys.map((key, i) => [key, literals[i]])));
}

const TICKER_AMOUNTS = { op: 'openingPrice', hp: 'highPrice', lp: 'lowPrice', tp: 'tradePrice', pcp: 'prevClosingPrice', cp: 'changePrice', cr: 'changeRate', tv: 'tradeVolume', atv: 'accTradeVolume', atv24h: 'accTradeVolume24h', atp: 'accTradePrice', atp24h: 'accTradePrice24h' } as const;
const TICKER_SIGNED = { scp: 'signedChangePrice', scr: 'signedChangeRate' } as const;
const TRADE_AMOUNTS = { tp: 'price', tv: 'volume', pcp: 'prevClosingPrice', cp: 'changePrice', bap: 'bestAskPrice', bas: 'bestAskSize', bbp: 'bestBidPrice', bbs: 'bestBidSize' } as const;

/** A frame as Upbit writes it: literals copied into the text verbatim. */
function frameText(head: string, literals: Record<string, string>, tail: string): string {
  return `{${head},${Object.entries(literals).map(([key, literal]) => `"${key}":${literal}`).join(',')},${tail}}`;
}

/** The decoded decimal equals the literal exactly, and what the previous decoder made of the same text. */
function expectExact(decoded: unknown, literal: string, previous: unknown): void {
  expect(decoded).toBeInstanceOf(Dec);
  expect(decoded).toEqual(new Dec(literal));
  expect((decoded as Dec).toFixed()).toBe(new Dec(literal).toFixed());
  expect((decoded as Dec).toFixed()).toBe(new Dec(previous as string | number).toFixed());
}

const ticker = {
  ty: 'ticker', cd: 'KRW-BTC', op: 95000000, hp: 96000000, lp: 94000000, tp: 95500000, pcp: 95000000, c: 'RISE', cp: 500000,
  scp: 500000, cr: 0.0052631579, scr: 0.0052631579, tv: 0.00123456, atv: 1234.56789012, atv24h: 2345.6789012345,
  atp: 117283950617.123, atp24h: 223456789012.875, tdt: '20261123', ttm: '120000', ttms: 1795000000000, ab: 'BID',
  tms: 1795000000123, st: 'REALTIME',
};

function frame(value: object): string {
  return JSON.stringify(value);
}

describe('decodeSimpleFrame', () => {
  it('decodes a SIMPLE ticker into exact decimals', () => {
    // A 20-digit literal, as Upbit may send it: more than a double holds.
    const text = frame(ticker).replace(/"atp24h":[0-9.e+]+/, '"atp24h":223456789012.87654321');
    const decoded = decodeSimpleFrame(text);
    expect(decoded.kind).toBe('ticker');
    if (decoded.kind !== 'ticker') return;
    expect(decoded.market).toBe('KRW-BTC');
    expect(decoded.tradePrice.toFixed()).toBe('95500000');
    expect(decoded.accTradePrice24h.toFixed()).toBe('223456789012.87654321');
    expect(decoded.tradeVolume.toFixed()).toBe('0.00123456');
    expect(decoded.streamType).toBe('REALTIME');
    expect(decoded.timestamp).toBe(1795000000123);
  });

  it('decodes a SIMPLE trade with its sequential id', () => {
    const decoded = decodeSimpleFrame(
      '{"ty":"trade","cd":"KRW-ETH","tp":5000000,"tv":0.5,"ab":"ASK","pcp":4900000,"c":"RISE","cp":100000,"td":"2026-11-23","ttm":"12:00:00","ttms":1795000000000,"tms":1795000000001,"sid":1795000000000000,"st":"SNAPSHOT"}',
    );
    expect(decoded).toEqual(expect.objectContaining({ kind: 'trade', market: 'KRW-ETH', sequentialId: 1795000000000000, askBid: 'ASK' }));
  });

  it('decodes a SIMPLE order book snapshot level by level', () => {
    const decoded = decodeSimpleFrame(
      '{"ty":"orderbook","cd":"KRW-BTC","tas":1.5,"tbs":2.25,"obu":[{"ap":95100000,"bp":95000000,"as":0.5,"bs":1.25},{"ap":95200000,"bp":94900000,"as":1,"bs":1}],"tms":1795000000000,"lv":0,"st":"REALTIME"}',
    );
    expect(decoded.kind).toBe('orderbook');
    if (decoded.kind !== 'orderbook') return;
    expect(decoded.units.map((u) => [u.askPrice.toFixed(), u.bidSize.toFixed()])).toEqual([
      ['95100000', '1.25'],
      ['95200000', '1'],
    ]);
  });

  it('decodes myOrder fills and myAsset balances', () => {
    const order = decodeSimpleFrame(
      '{"ty":"myOrder","cd":"KRW-BTC","uid":"u-1","ab":"BID","ot":"limit","s":"trade","tuid":"t-1","p":"95000000","ap":"95000000","v":"0.01","rv":"0.005","ev":"0.005","tc":1,"rsf":"237.5","rmf":"118.75","pf":"118.75","l":"475118.75","ef":"475000","tif":null,"tf":"118.75","im":false,"id":"cid-1","ttms":1795000000000,"otms":1794999990000,"tms":1795000000001,"st":"REALTIME"}',
    );
    expect(order).toEqual(expect.objectContaining({ kind: 'order-update', side: 'bid', state: 'trade', identifier: 'cid-1', isMaker: false }));
    const asset = decodeSimpleFrame('{"ty":"myAsset","astuid":"a-1","ast":[{"cu":"KRW","b":"1000.5","l":"0"}],"asttms":1,"tms":2,"st":"REALTIME"}');
    expect(asset).toEqual(expect.objectContaining({ kind: 'asset-update', assetUuid: 'a-1' }));
  });

  it('recognises the PING answer and server errors', () => {
    expect(decodeSimpleFrame('{"status":"UP"}')).toEqual({ kind: 'status', status: 'UP' });
    expect(decodeSimpleFrame('{"error":{"name":"WRONG_FORMAT","message":"bad"}}')).toEqual({ kind: 'error', name: 'WRONG_FORMAT', message: 'bad' });
  });

  it.each([
    ['a NaN price', { ...ticker, tp: 'NaN' }, 'frame.tp'],
    ['a negative volume', { ...ticker, tv: -1 }, 'frame.tv'],
    ['a missing timestamp', { ...ticker, tms: undefined }, 'frame.tms'],
    ['an unknown change', { ...ticker, c: 'UP' }, 'frame.c'],
    ['an unknown stream type', { ...ticker, st: 'LIVE' }, 'frame.st'],
  ])('refuses %s with a ProtocolError naming the field', (_what, value, field) => {
    let error: unknown;
    try {
      decodeSimpleFrame(frame(value));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).field).toBe(field);
  });

  it('refuses a negative order book size inside a level, naming the level', () => {
    expect(() =>
      decodeSimpleFrame('{"ty":"orderbook","cd":"KRW-BTC","tas":1,"tbs":1,"obu":[{"ap":1,"bp":1,"as":1,"bs":1},{"ap":1,"bp":1,"as":-2,"bs":1}],"tms":1,"st":"REALTIME"}'),
    ).toThrow(expect.objectContaining({ field: 'frame.obu[1].as' }));
  });

  it('keeps every decimal of a ticker exactly as the frame wrote it, as the previous decoder did', () => {
    fc.assert(
      fc.property(decimalFields(Object.keys(TICKER_AMOUNTS)), decimalFields(Object.keys(TICKER_SIGNED), signedLiteral), (amounts, signed) => {
        const text = frameText('"ty":"ticker","cd":"KRW-BTC","c":"RISE"', { ...amounts, ...signed }, '"ttms":1795000000000,"tms":1795000000123,"st":"REALTIME"');
        const decoded = decodeSimpleFrame(text) as unknown as Record<string, unknown>;
        const previous = previousDecimals(text);
        for (const [key, field] of [...Object.entries(TICKER_AMOUNTS), ...Object.entries(TICKER_SIGNED)]) {
          expectExact(decoded[field], ({ ...amounts, ...signed } as Record<string, string>)[key], previous[key]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every decimal of a trade exactly as the frame wrote it, as the previous decoder did', () => {
    fc.assert(
      fc.property(decimalFields(Object.keys(TRADE_AMOUNTS)), (amounts) => {
        const text = frameText('"ty":"trade","cd":"KRW-ETH","ab":"ASK","c":"FALL"', amounts, '"sid":1795000000000000,"ttms":1795000000000,"tms":1795000000001,"st":"REALTIME"');
        const decoded = decodeSimpleFrame(text) as unknown as Record<string, unknown>;
        const previous = previousDecimals(text);
        for (const [key, field] of Object.entries(TRADE_AMOUNTS)) expectExact(decoded[field], amounts[key], previous[key]);
        expect(decoded['sequentialId']).toBe(1795000000000000);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every size and price of an order book exactly as the frame wrote it, as the previous decoder did', () => {
    const unit = decimalFields(['ap', 'bp', 'as', 'bs']);
    fc.assert(
      fc.property(decimalFields(['tas', 'tbs']), fc.array(unit, { minLength: 1, maxLength: 30 }), (totals, units) => {
        const obu = `[${units.map((u) => `{${Object.entries(u).map(([k, v]) => `"${k}":${v}`).join(',')}}`).join(',')}]`;
        const text = frameText('"ty":"orderbook","cd":"KRW-BTC"', totals, `"obu":${obu},"tms":1795000000000,"lv":0,"st":"REALTIME"`);
        const decoded = decodeSimpleFrame(text);
        if (decoded.kind !== 'orderbook') throw new Error(`decoded a ${decoded.kind}`);
        const previous = previousDecimals(text) as { tas: unknown; tbs: unknown; obu: Array<Record<string, unknown>> };
        expectExact(decoded.totalAskSize, totals.tas, previous.tas);
        expectExact(decoded.totalBidSize, totals.tbs, previous.tbs);
        expect(decoded.units).toHaveLength(units.length);
        decoded.units.forEach((level, i) => {
          expectExact(level.askPrice, units[i].ap, previous.obu[i].ap);
          expectExact(level.bidPrice, units[i].bp, previous.obu[i].bp);
          expectExact(level.askSize, units[i].as, previous.obu[i].as);
          expectExact(level.bidSize, units[i].bs, previous.obu[i].bs);
        });
        expect(decoded.level?.toFixed()).toBe('0');
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['truncated JSON', '{"ty":"trade","cd":"KRW-BTC","tp":95000000,"tv":0.5', 'frame'],
    ['a NaN literal', frame(ticker).replace('"tp":95500000', '"tp":NaN'), 'frame'],
    ['an Infinity literal', frame(ticker).replace('"tv":0.00123456', '"tv":Infinity'), 'frame'],
    ['a number with a leading zero', frame(ticker).replace('"tp":95500000', '"tp":095500000'), 'frame'],
    ['a magnitude no double holds', frame(ticker).replace('"tp":95500000', '"tp":1e400'), 'frame.tp'],
    ['a fraction where an integer belongs', frame(ticker).replace('"tms":1795000000123', '"tms":1795000000123.5'), 'frame.tms'],
    ['an integer beyond 2^53', frame(ticker).replace('"tms":1795000000123', '"tms":9007199254740993'), 'frame.tms'],
    ['an order book level that is not an object', '{"ty":"orderbook","cd":"KRW-BTC","tas":1,"tbs":1,"obu":[{"ap":1,"bp":1,"as":1,"bs":1},[1]],"tms":1,"st":"REALTIME"}', 'frame.obu[1]'],
    ['order book levels that are not a list', '{"ty":"orderbook","cd":"KRW-BTC","tas":1,"tbs":1,"obu":{"ap":1},"tms":1,"st":"REALTIME"}', 'frame.obu'],
    ['a negative zero amount (-0.0)', frame(ticker).replace('"cp":500000', '"cp":-0.0'), 'frame.cp'],
  ])('refuses %s with a ProtocolError naming the frame or the field', (_what, text, field) => {
    let error: unknown;
    try {
      decodeSimpleFrame(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).field).toBe(field);
  });

  it('reads exponent forms, integral fractions and unicode escapes as their values', () => {
    const text = frame(ticker)
      .replace('"tv":0.00123456', '"tv":1e-8')
      .replace('"tms":1795000000123', '"tms":1.795000000123e12')
      .replace('"cd":"KRW-BTC"', '"cd":"KRW-\\u0042TC"');
    const decoded = decodeSimpleFrame(text);
    if (decoded.kind !== 'ticker') throw new Error(`decoded a ${decoded.kind}`);
    expect(decoded.tradeVolume.toFixed()).toBe('0.00000001');
    expect(decoded.timestamp).toBe(1795000000123);
    expect(decoded.market).toBe('KRW-BTC');
  });
});
