import { Dec } from '@trader/domain';
import type { MarketDataQueries } from '../ports/market-data-feed.port';
import type { TickerSnapshot, TickerUpdate } from '../ports/market-data-feed.types';
import { TickerBoard } from './ticker-board';

function ticker(market: string, price: string, timestamp: number): TickerSnapshot {
  const d = new Dec(price);
  return {
    market,
    openingPrice: d,
    highPrice: d,
    lowPrice: d,
    tradePrice: d,
    prevClosingPrice: d,
    change: 'EVEN',
    changePrice: new Dec(0),
    changeRate: new Dec(0),
    signedChangePrice: new Dec(0),
    signedChangeRate: new Dec(0),
    tradeVolume: new Dec(1),
    accTradePrice: d,
    accTradePrice24h: d,
    accTradeVolume: new Dec(1),
    accTradeVolume24h: new Dec(1),
    tradeTimestamp: timestamp,
    timestamp,
  };
}
const streamed = (market: string, price: string, timestamp: number): TickerUpdate => ({ ...ticker(market, price, timestamp), kind: 'ticker', accTradeVolume24h: new Dec(1), streamType: 'REALTIME' });

/** An exchange that answers tickers at a price and counts the requests; `fail` makes the next one fail. */
function exchange(): MarketDataQueries & { requests: string[][]; fail: boolean } {
  const unused = (): never => {
    throw new Error('not used');
  };
  const state = {
    requests: [] as string[][],
    fail: false,
    getTickers: async (markets: readonly string[]) => {
      state.requests.push([...markets]);
      if (state.fail) {
        state.fail = false;
        throw new Error('exchange down');
      }
      return markets.map((m) => ticker(m, '100', 1));
    },
    listMarkets: unused,
    getCandles: unused,
    getTrades: unused,
    getTickersByQuote: unused,
    getOrderBooks: unused,
    getInstruments: unused,
  };
  return state;
}

describe('TickerBoard', () => {
  let now = 1_000;
  const clock = { now: () => now };

  it('answers watched markets from the stream without a request, stale while the stream is down', async () => {
    const ex = exchange();
    const board = new TickerBoard(ex, clock, new Set(['KRW-BTC']));
    board.stream.up();
    board.apply(streamed('KRW-BTC', '101', 900));
    board.apply(streamed('KRW-BTC', '99', 800));
    expect(await board.tickers(['KRW-BTC'])).toEqual([expect.objectContaining({ market: 'KRW-BTC', source: 'ticker-stream', asOf: 900, stale: false })]);
    expect((await board.tickers(['KRW-BTC']))[0]?.tradePrice.toFixed()).toBe('101');
    board.stream.down(now);
    expect((await board.tickers(['KRW-BTC']))[0]?.stale).toBe(true);
    expect(ex.requests).toEqual([]);
  });

  it('reads a market it does not watch with one request shared by concurrent reads, and again once the cache expired', async () => {
    const ex = exchange();
    const board = new TickerBoard(ex, clock, new Set(['KRW-BTC']), 5_000);
    const answers = await Promise.all([board.tickers(['KRW-XRP']), board.tickers(['KRW-XRP', 'KRW-ETH']), board.tickers(['KRW-XRP'])]);
    expect(answers.map((a) => a.map((t) => `${t.market}:${t.source}`))).toEqual([['KRW-XRP:rest-cache'], ['KRW-XRP:rest-cache', 'KRW-ETH:rest-cache'], ['KRW-XRP:rest-cache']]);
    expect(ex.requests).toEqual([['KRW-XRP'], ['KRW-ETH']]);
    now += 5_000;
    await board.tickers(['KRW-XRP']);
    expect(ex.requests).toEqual([['KRW-XRP'], ['KRW-ETH'], ['KRW-XRP']]);
  });

  it('does not keep a failed request: the next read asks again', async () => {
    const ex = exchange();
    const board = new TickerBoard(ex, clock, new Set());
    ex.fail = true;
    await expect(board.tickers(['KRW-XRP'])).rejects.toThrow('exchange down');
    expect(await board.tickers(['KRW-XRP'])).toHaveLength(1);
    expect(ex.requests).toHaveLength(2);
  });

  it('tells what it last knew of a market without asking the exchange: the stream first, else the last REST answer', async () => {
    const ex = exchange();
    const board = new TickerBoard(ex, clock, new Set(['KRW-BTC']));
    expect(board.lastKnown('KRW-BTC')).toBeUndefined();
    expect(board.lastKnown('KRW-XRP')).toBeUndefined();
    board.apply(streamed('KRW-BTC', '101', 900));
    await board.tickers(['KRW-XRP']);
    expect(board.lastKnown('KRW-BTC')).toEqual(expect.objectContaining({ source: 'ticker-stream', asOf: 900 }));
    expect(board.lastKnown('KRW-BTC')?.tradePrice.toFixed()).toBe('101');
    expect(board.lastKnown('KRW-XRP')).toEqual(expect.objectContaining({ source: 'rest-cache' }));
    expect(ex.requests).toEqual([['KRW-XRP']]);
  });
});
