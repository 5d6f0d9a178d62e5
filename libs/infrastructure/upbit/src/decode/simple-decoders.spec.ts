import { ProtocolError } from '@trader/application';
import { decodeSimpleFrame } from './simple-decoders';

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
});
