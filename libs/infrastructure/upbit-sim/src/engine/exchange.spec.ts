import { ManualSimClock } from '../clock/sim-clock';
import { Dec } from './decimal';
import { Exchange } from './exchange';
import { Market } from './market';
import { marketConfig } from './market-catalog';
import { SeededRandom } from './prng';
import { UpbitApiError } from './upbit-api-error';

const MAKER = 'synthetic:test-maker';

function setup(balances: Record<string, string> = { KRW: '10000000' }): { exchange: Exchange; market: Market; accountId: string } {
  const exchange = new Exchange({
    markets: [marketConfig({ market: 'KRW-BTC', initialPrice: '100000000' })],
    accounts: [{ accessKey: 'a', secretKey: 's', balances }],
    clock: new ManualSimClock(Date.UTC(2026, 0, 5)),
    ids: new SeededRandom(1),
    tradeRetention: 100,
    candleRetention: 100,
  });
  return { exchange, market: exchange.market('KRW-BTC') as Market, accountId: 'account-1' };
}

const holding = (exchange: Exchange, accountId: string, currency: string): { balance: string; locked: string } => {
  const h = exchange.account(accountId).holding(currency);
  return { balance: h.balance.toFixed(), locked: h.locked.toFixed() };
};

function refusal(run: () => unknown): UpbitApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof UpbitApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Exchange matching and accounting', () => {
  it('fills a limit buy across levels at the makers prices, charges 0.05 % and refunds the price improvement', () => {
    const { exchange, market, accountId } = setup();
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('100000000'), new Dec('0.01'));
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('100001000'), new Dec('0.02'));

    const accepted = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100001000', volume: '0.015' });

    expect(accepted.state).toBe('wait');
    expect(accepted.locked.toFixed()).toBe('1500765.0075');
    const order = exchange.getOrder(accountId, { uuid: accepted.uuid });
    expect(order.state).toBe('done');
    expect(order.trades.map((t) => [t.price.toFixed(), t.volume.toFixed()])).toEqual([
      ['100000000', '0.01'],
      ['100001000', '0.005'],
    ]);
    expect(order.paidFee.toFixed()).toBe('750.0025');
    expect(order.executedFunds.toFixed()).toBe('1500005');
    expect(holding(exchange, accountId, 'KRW')).toEqual({ balance: '8499244.9975', locked: '0' });
    expect(holding(exchange, accountId, 'BTC')).toEqual({ balance: '0.015', locked: '0' });
    expect(exchange.account(accountId).holding('BTC').avgBuyPrice.toFixed()).toBe('100000333.33333333');
  });

  it('sells at market with the fee taken from the proceeds', () => {
    const { exchange, market, accountId } = setup({ KRW: '0', BTC: '0.01' });
    exchange.quoteSynthetic(market, MAKER, 'bid', new Dec('99999000'), new Dec('1'));

    exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'ask', ord_type: 'market', volume: '0.005' });

    expect(holding(exchange, accountId, 'KRW')).toEqual({ balance: '499745.0025', locked: '0' });
    expect(holding(exchange, accountId, 'BTC')).toEqual({ balance: '0.005', locked: '0' });
  });

  it('ends a market buy whose leftover cannot buy 1e-8 as cancel and returns the leftover', () => {
    const { exchange, market, accountId } = setup({ KRW: '20000' });
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('123456000'), new Dec('1'));

    const accepted = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' });

    const order = exchange.getOrder(accountId, { uuid: accepted.uuid });
    expect(order.state).toBe('cancel');
    expect(order.executedVolume.toFixed()).toBe('0.000081');
    expect(order.executedFunds.toFixed()).toBe('9999.936');
    // 20000 - 9999.936 - fee 4.999968
    expect(holding(exchange, accountId, 'KRW')).toEqual({ balance: '9995.064032', locked: '0' });
  });

  it('rests a limit order and fills it as maker when the market comes to it', () => {
    const { exchange, market, accountId } = setup();
    const accepted = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '99000000', volume: '0.01' });
    expect(market.book.best('bid')?.toFixed()).toBe('99000000');

    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('98000000'), new Dec('0.004'));

    const order = exchange.getOrder(accountId, { uuid: accepted.uuid });
    expect(order.state).toBe('wait');
    expect(order.trades[0].price.toFixed()).toBe('99000000');
    expect(order.trades[0].isMaker).toBe(true);
    expect(order.remainingVolume?.toFixed()).toBe('0.006');
    expect(holding(exchange, accountId, 'KRW').locked).toBe('594297');
  });

  it('cancels the unfilled part of an IOC order and keeps what executed', () => {
    const { exchange, market, accountId } = setup();
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('100000000'), new Dec('0.01'));

    const accepted = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.02', time_in_force: 'ioc' });

    const order = exchange.getOrder(accountId, { uuid: accepted.uuid });
    expect([order.state, order.executedVolume.toFixed(), order.locked.toFixed()]).toEqual(['cancel', '0.01', '0']);
    expect(market.book.bids).toHaveLength(0);
    expect(holding(exchange, accountId, 'KRW')).toEqual({ balance: '8999500', locked: '0' });
  });

  it('kills a FOK order that cannot fill completely, and fills one that can', () => {
    const { exchange, market, accountId } = setup();
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('100000000'), new Dec('0.01'));

    const killed = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.02', time_in_force: 'fok' });
    const filled = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.01', time_in_force: 'fok' });

    expect(exchange.getOrder(accountId, { uuid: killed.uuid }).state).toBe('cancel');
    expect(exchange.getOrder(accountId, { uuid: killed.uuid }).trades).toHaveLength(0);
    expect(exchange.getOrder(accountId, { uuid: filled.uuid }).state).toBe('done');
  });

  it('cancels a post-only order that would take, and rests one that would not', () => {
    const { exchange, market, accountId } = setup();
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('100000000'), new Dec('0.01'));

    const crossing = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.01', time_in_force: 'post_only' });
    const resting = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '99999000', volume: '0.01', time_in_force: 'post_only' });

    expect(exchange.getOrder(accountId, { uuid: crossing.uuid }).state).toBe('cancel');
    expect(exchange.getOrder(accountId, { uuid: resting.uuid }).state).toBe('wait');
    expect(market.book.asks[0].orders[0].remaining.toFixed()).toBe('0.01');
  });

  it('prevents a self-match: cancel_maker cancels the resting own order instead of trading', () => {
    const { exchange, market, accountId } = setup({ KRW: '10000000', BTC: '1' });
    const own = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'ask', ord_type: 'limit', price: '100000000', volume: '0.01' });

    const taker = exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.01', smp_type: 'cancel_maker' });

    const maker = exchange.getOrder(accountId, { uuid: own.uuid });
    expect([maker.state, maker.preventedVolume.toFixed(), maker.trades.length]).toEqual(['cancel', '0.01', 0]);
    expect(exchange.getOrder(accountId, { uuid: taker.uuid }).state).toBe('wait');
    expect(holding(exchange, accountId, 'BTC')).toEqual({ balance: '1', locked: '0' });
    expect(market.book.asks).toHaveLength(0);
  });

  it('never reuses an identifier, even one whose order was refused', () => {
    const { exchange, accountId } = setup({ KRW: '1000' });
    const first = refusal(() =>
      exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.01', identifier: 'client-1' }),
    );
    const second = refusal(() =>
      exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.00001', identifier: 'client-1' }),
    );
    expect(first.errorName).toBe('insufficient_funds_bid');
    expect([second.status, second.message]).toEqual([400, 'identifier is already used']);
  });

  it('refuses a market buy larger than the visible 30 levels', () => {
    const { exchange, market, accountId } = setup();
    exchange.quoteSynthetic(market, MAKER, 'ask', new Dec('100000000'), new Dec('0.01'));
    const error = refusal(() => exchange.placeOrder(accountId, { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '1000001' }));
    expect([error.status, error.errorName]).toEqual([400, 'create_bid_error']);
  });
});
