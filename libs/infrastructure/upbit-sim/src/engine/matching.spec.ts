import { Dec } from './decimal';
import { TakerIntent, fillableVolume, matchTaker } from './matching';
import { OrderBook, Side } from './order-book';

let seq = 0;
function rest(book: OrderBook, orderId: string, ownerId: string, side: Side, price: string, volume: string): void {
  book.add({ orderId, ownerId, side, price: new Dec(price), remaining: new Dec(volume), seq: seq++ });
}

const buy = (volume: string, limit: string | undefined, ownerId = 'taker', smpType?: TakerIntent['smpType']): TakerIntent => ({
  side: 'bid',
  ownerId,
  limitPrice: limit === undefined ? undefined : new Dec(limit),
  volume: new Dec(volume),
  funds: undefined,
  smpType,
});

describe('Price-time priority matching', () => {
  it('fills the better price first, then the earlier order at the same price', () => {
    const book = new OrderBook();
    rest(book, 'first-at-101', 'm2', 'ask', '101', '1');
    rest(book, 'second-at-101', 'm1', 'ask', '101', '1');
    rest(book, 'best', 'm3', 'ask', '100', '1');
    const result = matchTaker(book, buy('2.5', '101'));
    expect(result.fills.map((f) => [f.maker.orderId, f.price.toFixed(), f.volume.toFixed()])).toEqual([
      ['best', '100', '1'],
      ['first-at-101', '101', '1'],
      ['second-at-101', '101', '0.5'],
    ]);
    expect(book.top('ask', 5).map((l) => [l.price.toFixed(), l.size.toFixed()])).toEqual([['101', '0.5']]);
  });

  it('stops at the limit price and keeps bids sorted high to low', () => {
    const book = new OrderBook();
    rest(book, 'a1', 'm', 'ask', '100', '1');
    rest(book, 'a2', 'm', 'ask', '102', '1');
    rest(book, 'b1', 'm', 'bid', '98', '1');
    rest(book, 'b2', 'm', 'bid', '99', '1');
    expect(matchTaker(book, buy('5', '101')).fills).toHaveLength(1);
    expect(book.top('bid', 2).map((l) => l.price.toFixed())).toEqual(['99', '98']);
  });

  it('buys with a quote budget down to 1e-8 units', () => {
    const book = new OrderBook();
    rest(book, 'a', 'm', 'ask', '3000', '100');
    const result = matchTaker(book, { side: 'bid', ownerId: 't', limitPrice: undefined, volume: undefined, funds: new Dec('10000'), smpType: undefined });
    expect(result.fills[0].volume.toFixed()).toBe('3.33333333');
  });

  it('reduces both own orders by the overlap with smp_type=reduce, without trading', () => {
    const book = new OrderBook();
    rest(book, 'own', 'me', 'ask', '100', '1');
    rest(book, 'other', 'm', 'ask', '100', '1');
    expect(fillableVolume(book, buy('3', '100', 'me', 'reduce')).volume.toFixed()).toBe('1');
    const result = matchTaker(book, buy('1.5', '100', 'me', 'reduce'));
    expect(result.makerPreventions.map((p) => [p.maker.orderId, p.volume.toFixed()])).toEqual([['own', '1']]);
    expect(result.takerPreventions.map((p) => p.volume.toFixed())).toEqual(['1']);
    expect(result.fills.map((f) => [f.maker.orderId, f.volume.toFixed()])).toEqual([['other', '0.5']]);
  });

  it('stops the taker at its own order with smp_type=cancel_taker', () => {
    const book = new OrderBook();
    rest(book, 'other', 'm', 'ask', '99', '1');
    rest(book, 'own', 'me', 'ask', '100', '1');
    const result = matchTaker(book, buy('2', '100', 'me', 'cancel_taker'));
    expect(result.fills).toHaveLength(1);
    expect(result.takerCancelledBySmp).toBe(true);
    expect(book.top('ask', 1)[0].size.toFixed()).toBe('1');
  });
});
