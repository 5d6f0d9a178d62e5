import { Dec } from '@trader/domain';
import { ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import { OrderBookSnapshot } from '../ports/market-data-feed.types';
import { PaperExchange } from './paper-exchange';

const d = (value: string): Dec => new Dec(value);

function book(levels: [ask: string, askSize: string, bid: string, bidSize: string][]): OrderBookSnapshot {
  return {
    kind: 'orderbook',
    market: 'KRW-BTC',
    totalAskSize: d('0'),
    totalBidSize: d('0'),
    units: levels.map(([ask, askSize, bid, bidSize]) => ({ askPrice: d(ask), askSize: d(askSize), bidPrice: d(bid), bidSize: d(bidSize) })),
    timestamp: 0,
    streamType: 'SNAPSHOT',
  };
}

function setup(balances: Record<string, string> = { KRW: '1000000' }) {
  let ids = 0;
  let current = book([
    ['100000000', '0.001', '99900000', '0.002'],
    ['100100000', '0.002', '99800000', '0.005'],
  ]);
  const exchange = new PaperExchange({ latest: () => current }, { balances, now: () => 1_000, ids: { next: () => `id-${(ids += 1)}` } });
  const balance = async (currency: string): Promise<[string, string]> => {
    const account = (await exchange.getAccounts()).find((a) => a.currency === currency);
    return [account?.balance.toFixed() ?? '0', account?.locked.toFixed() ?? '0'];
  };
  return { exchange, balance, setBook: (b: OrderBookSnapshot) => (current = b) };
}

describe('PaperExchange', () => {
  it('fills a market buy level by level against the book, charging Upbit’s fee on top', async () => {
    const { exchange, balance } = setup();
    const submission = await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'price', price: d('200100'), identifier: 'buy-1' });
    expect(submission.outcome).toBe('accepted');
    const order = await exchange.getOrder({ identifier: 'buy-1' });
    // 0.001 at 100,000,000 (100,000 KRW) then 0.001 at 100,100,000 (100,100 KRW).
    expect(order.fills.map((f) => [f.price.toFixed(), f.volume.toFixed()])).toEqual([
      ['100000000', '0.001'],
      ['100100000', '0.001'],
    ]);
    expect(order.state).toBe('done');
    expect(order.paidFee.toFixed()).toBe('100.05');
    expect(await balance('KRW')).toEqual(['799799.95', '0']);
    expect(await balance('BTC')).toEqual(['0.002', '0']);
  });

  it('rests a limit buy below the market with its funds locked, and fills it when a trade reaches its price', async () => {
    const { exchange, balance } = setup();
    const updates: string[] = [];
    exchange.onUpdate((u) => updates.push(`${u.identifier} ${u.state} ${u.volume?.toFixed() ?? ''}`.trim()));
    await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price: d('99000000'), volume: d('0.002'), identifier: 'rest-1' });
    expect((await exchange.getOpenOrders()).map((o) => o.identifier)).toEqual(['rest-1']);
    expect(await balance('KRW')).toEqual(['801901', '198099']);

    exchange.onTrade({ kind: 'trade', market: 'KRW-BTC', price: d('98900000'), volume: d('0.0015'), askBid: 'ASK', sequentialId: 1, tradeTimestamp: 0, timestamp: 0, streamType: 'REALTIME' });
    exchange.onTrade({ kind: 'trade', market: 'KRW-BTC', price: d('99000000'), volume: d('1'), askBid: 'ASK', sequentialId: 2, tradeTimestamp: 0, timestamp: 0, streamType: 'REALTIME' });
    const order = await exchange.getOrder({ identifier: 'rest-1' });
    expect(order.state).toBe('done');
    expect(order.fills.map((f) => [f.price.toFixed(), f.volume.toFixed()])).toEqual([
      ['99000000', '0.0015'],
      ['99000000', '0.0005'],
    ]);
    expect(await balance('KRW')).toEqual(['801901', '0']);
    expect(updates).toEqual(['rest-1 trade 0.0015', 'rest-1 trade 0.0005', 'rest-1 done']);
  });

  it('returns the locked funds on cancel and refuses to cancel a closed order', async () => {
    const { exchange, balance } = setup();
    await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price: d('90000000'), volume: d('0.001'), identifier: 'c-1' });
    await exchange.cancelOrder({ identifier: 'c-1' });
    expect(await balance('KRW')).toEqual(['1000000', '0']);
    expect((await exchange.getOrder({ identifier: 'c-1' })).state).toBe('cancel');
    await expect(exchange.cancelOrder({ identifier: 'c-1' })).rejects.toHaveProperty('code', 'EXCHANGE_NOT_FOUND');
  });

  it('cancels the unfilled rest of an IOC order and fills nothing of an unfillable FOK', async () => {
    const { exchange } = setup({ KRW: '1000000', BTC: '1' });
    await exchange.placeOrder({ market: 'KRW-BTC', side: 'ask', ordType: 'limit', price: d('99900000'), volume: d('0.005'), timeInForce: 'ioc', identifier: 'ioc-1' });
    const ioc = await exchange.getOrder({ identifier: 'ioc-1' });
    expect([ioc.state, ioc.executedVolume.toFixed()]).toEqual(['cancel', '0.002']);

    await exchange.placeOrder({ market: 'KRW-BTC', side: 'ask', ordType: 'limit', price: d('99900000'), volume: d('0.005'), timeInForce: 'fok', identifier: 'fok-1' });
    const fok = await exchange.getOrder({ identifier: 'fok-1' });
    expect([fok.state, fok.executedVolume.toFixed()]).toEqual(['cancel', '0']);
  });

  it.each([
    ['under the minimum total', { price: d('100000000'), volume: d('0.00001') }, 'under_min_total'],
    ['more than the balance', { price: d('100000000'), volume: d('1') }, 'insufficient_funds'],
  ])('refuses an order %s, like Upbit, and locks nothing', async (_what, terms, reason) => {
    const { exchange, balance } = setup();
    const failure = await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', identifier: 'x', ...terms }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExchangeRejectedError);
    expect((failure as ExchangeRejectedError).reason).toBe(reason);
    expect(await balance('KRW')).toEqual(['1000000', '0']);
  });

  it('refuses an identifier used before, even by a failed order, as our Upbit client reports it', async () => {
    const { exchange } = setup();
    await expect(
      exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price: d('90000000'), volume: d('1'), identifier: 'same' }),
    ).rejects.toHaveProperty('reason', 'insufficient_funds');
    const failure = await exchange
      .placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price: d('90000000'), volume: d('0.001'), identifier: 'same' })
      .catch((e: unknown) => e);
    expect(failure).toEqual(expect.objectContaining({ reason: 'duplicate_identifier', exchangeName: 'validation_error', status: 400 }));
  });

  it('refuses an identifier used by an accepted order, and orders/test of a used one, but orders/test does not use it up', async () => {
    const { exchange } = setup();
    const order = { market: 'KRW-BTC', side: 'bid', ordType: 'limit', price: d('90000000'), volume: d('0.001') } as const;
    await exchange.testOrder({ ...order, identifier: 'probe' });
    await exchange.placeOrder({ ...order, identifier: 'probe' });
    await expect(exchange.placeOrder({ ...order, identifier: 'probe' })).rejects.toHaveProperty('reason', 'duplicate_identifier');
    await expect(exchange.testOrder({ ...order, identifier: 'probe' })).rejects.toHaveProperty('reason', 'duplicate_identifier');
  });

  it.each([
    ['a limit price off the tick grid', { price: d('90000500'), volume: d('0.001') }, 'invalid_price_unit', 'invalid_price_bid'],
    ['a volume with more than 8 decimals', { price: d('90000000'), volume: d('0.001000001') }, 'invalid_volume', 'invalid_volume_bid'],
  ])('refuses %s, like Upbit, and locks nothing', async (_what, terms, reason, name) => {
    const { exchange, balance } = setup();
    const failure = await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', identifier: 'x', ...terms }).catch((e: unknown) => e);
    expect(failure).toEqual(expect.objectContaining({ reason, exchangeName: name }));
    expect(await balance('KRW')).toEqual(['1000000', '0']);
  });

  it('refuses a market sell of more than 8 decimals', async () => {
    const { exchange } = setup({ KRW: '0', BTC: '1' });
    await expect(exchange.placeOrder({ market: 'KRW-BTC', side: 'ask', ordType: 'market', volume: d('0.123456789'), identifier: 's' })).rejects.toHaveProperty(
      'exchangeName',
      'invalid_volume_ask',
    );
  });
});
