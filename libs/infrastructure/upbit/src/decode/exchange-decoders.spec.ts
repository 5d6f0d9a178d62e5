import { ProtocolError } from '@trader/application';
import { parseExactJson } from './exact-json';
import { decodeAccounts, decodeBatchCancel, decodeOrder } from './exchange-decoders';

const order = {
  uuid: 'u-1', side: 'bid', ord_type: 'limit', price: '95000000.0', state: 'wait', market: 'KRW-BTC',
  created_at: '2026-11-23T21:00:00+09:00', volume: '0.01', remaining_volume: '0.01', reserved_fee: '475.0',
  remaining_fee: '475.0', paid_fee: '0.0', locked: '950475.0', executed_volume: '0.0', trades_count: 0, identifier: 'cid-1',
};

function decode(value: object): ReturnType<typeof decodeOrder> {
  return decodeOrder(parseExactJson(JSON.stringify(value), 'order'));
}

describe('exchange decoders', () => {
  it('decodes an order with exact amounts and its creation time', () => {
    const decoded = decode(order);
    expect(decoded.price?.toFixed()).toBe('95000000');
    expect(decoded.locked.toFixed()).toBe('950475');
    expect(decoded.createdAt).toBe(Date.parse('2026-11-23T12:00:00Z'));
    expect(decoded.identifier).toBe('cid-1');
    expect(decoded.fills).toEqual([]);
    expect('smpType' in decoded).toBe(false);
  });

  it('decodes a market buy by funds, whose volume and remaining volume Upbit sends as null', () => {
    const decoded = decode({ ...order, ord_type: 'price', state: 'cancel', price: '10000', volume: null, remaining_volume: null, executed_volume: '3.36813742', trades_count: 1 });
    expect(decoded.volume).toBeUndefined();
    expect(decoded.remainingVolume.toFixed()).toBe('0');
    expect(decoded.executedVolume.toFixed()).toBe('3.36813742');
  });

  it('decodes the fills of GET /order', () => {
    const decoded = decode({
      ...order,
      state: 'done',
      trades: [{ market: 'KRW-BTC', uuid: 't-1', price: '95000000', volume: '0.01', funds: '950000', trend: 'up', created_at: '2026-11-23T21:00:01+09:00', side: 'bid' }],
    });
    expect(decoded.fills[0]?.funds.toFixed()).toBe('950000');
  });

  it.each([
    ['price', 'NaN'],
    ['locked', '-1'],
    ['executed_volume', ''],
    ['created_at', '2026-11-23 21:00:00'],
    ['state', 'open'],
  ])('refuses a malformed %s with a ProtocolError naming it', (field, value) => {
    expect(() => decode({ ...order, [field]: value })).toThrow(ProtocolError);
    expect(() => decode({ ...order, [field]: value })).toThrow(expect.objectContaining({ field: `order.${field}` }));
  });

  it('names the index of a malformed account', () => {
    const accounts = [
      { currency: 'KRW', balance: '1000', locked: '0', avg_buy_price: '0', avg_buy_price_modified: false, unit_currency: 'KRW' },
      { currency: 'BTC', balance: 'abc', locked: '0', avg_buy_price: '0', avg_buy_price_modified: false, unit_currency: 'KRW' },
    ];
    expect(() => decodeAccounts(parseExactJson(JSON.stringify(accounts), 'accounts'))).toThrow(
      expect.objectContaining({ field: 'accounts[1].balance' }),
    );
  });

  it('decodes a batch cancel result', () => {
    const result = decodeBatchCancel(
      parseExactJson('{"success":{"count":1,"orders":[{"uuid":"u-1","market":"KRW-BTC","identifier":"cid-1"}]},"failed":{"count":0,"orders":[]}}', 'x'),
      'cancel_all',
    );
    expect(result).toEqual({ succeeded: [{ uuid: 'u-1', market: 'KRW-BTC', identifier: 'cid-1' }], failed: [] });
  });
});
