import { StreamWish, SubscriptionSet, accepts } from './subscription-set';

function wish(consumerId: number, type: string, codes: string[], extra: Partial<StreamWish> = {}): StreamWish {
  return { consumerId, type, codes, onlySnapshot: false, onlyRealtime: false, ...extra };
}

describe('SubscriptionSet', () => {
  it('merges three consumers into one request with the union of their markets per type', () => {
    const set = new SubscriptionSet();
    set.add(wish(1, 'ticker', ['KRW-BTC']));
    set.add(wish(2, 'ticker', ['KRW-ETH', 'KRW-BTC']));
    set.add(wish(3, 'trade', ['KRW-XRP']));
    expect(JSON.parse(set.request('t-1'))).toEqual([
      { ticket: 't-1' },
      { type: 'ticker', codes: ['KRW-BTC', 'KRW-ETH'] },
      { type: 'trade', codes: ['KRW-XRP'] },
      { format: 'SIMPLE' },
    ]);
  });

  it('shrinks the request when a consumer leaves', () => {
    const set = new SubscriptionSet();
    set.add(wish(1, 'ticker', ['KRW-BTC']));
    set.add(wish(2, 'ticker', ['KRW-ETH']));
    set.remove(2);
    expect(set.merged()).toEqual([{ type: 'ticker', codes: ['KRW-BTC'] }]);
  });

  it('asks for snapshot-only or realtime-only only when every consumer of the type does', () => {
    const set = new SubscriptionSet();
    set.add(wish(1, 'ticker', ['KRW-BTC'], { onlyRealtime: true }));
    set.add(wish(2, 'trade', ['KRW-BTC'], { onlyRealtime: true }));
    set.add(wish(3, 'ticker', ['KRW-ETH'], { onlySnapshot: true }));
    expect(set.merged()).toEqual([
      { type: 'ticker', codes: ['KRW-BTC', 'KRW-ETH'] },
      { type: 'trade', codes: ['KRW-BTC'], is_only_realtime: true },
    ]);
  });

  it('asks for the deepest order book any consumer wants per market', () => {
    const set = new SubscriptionSet();
    set.add(wish(1, 'orderbook', ['KRW-BTC', 'KRW-ETH'], { depth: 5 }));
    set.add(wish(2, 'orderbook', ['KRW-BTC'], { depth: 15 }));
    set.add(wish(3, 'orderbook', ['KRW-XRP']));
    expect(set.merged()).toEqual([{ type: 'orderbook', codes: ['KRW-BTC.15', 'KRW-ETH.5', 'KRW-XRP'] }]);
  });

  it('widens myOrder to every market when one consumer wants all, and sends myAsset without codes', () => {
    const set = new SubscriptionSet();
    set.add(wish(1, 'myOrder', ['KRW-BTC']));
    set.add(wish(2, 'myOrder', []));
    set.add(wish(3, 'myAsset', []));
    expect(set.merged()).toEqual([{ type: 'myAsset' }, { type: 'myOrder' }]);
  });

  it('lets each consumer filter the stream types it did not ask for', () => {
    expect(accepts(wish(1, 'ticker', [], { onlyRealtime: true }), 'SNAPSHOT')).toBe(false);
    expect(accepts(wish(1, 'ticker', [], { onlyRealtime: true }), 'REALTIME')).toBe(true);
    expect(accepts(wish(1, 'ticker', [], { onlySnapshot: true }), 'REALTIME')).toBe(false);
    expect(accepts(wish(1, 'ticker', []), 'SNAPSHOT')).toBe(true);
  });
});
